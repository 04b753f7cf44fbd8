using System.Globalization;

namespace ApiContracts.Properties.Tests;

/// <summary>A query parameter as a client might send it: absent, a number, other text, or given twice.</summary>
public sealed record QueryValue
{
    private QueryValue(string kind, long number, string text, QueryValue? first, QueryValue? second)
    {
        Kind = kind;
        Number = number;
        Text = text;
        First = first;
        Second = second;
    }

    public string Kind { get; }

    public long Number { get; }

    public string Text { get; }

    public QueryValue? First { get; }

    public QueryValue? Second { get; }

    public static QueryValue Absent { get; } = new("absent", 0, string.Empty, null, null);

    public static QueryValue Of(long n) => new("number", n, string.Empty, null, null);

    public static QueryValue OfText(string text) => new("text", 0, text, null, null);

    public static QueryValue Twice(QueryValue a, QueryValue b) => new("repeated", 0, string.Empty, a, b);

    public bool IsAbsent => Kind == "absent";

    /// <summary>The values put in the URL (none when absent, two when repeated).</summary>
    public IEnumerable<string> Raw() => Kind switch
    {
        "absent" => [],
        "number" => [Number.ToString(CultureInfo.InvariantCulture)],
        "text" => [Text],
        _ => First!.Raw().Concat(Second!.Raw()),
    };

    /// <summary>Smaller cases first: absent, then numbers nearer zero, then shorter text.</summary>
    public IEnumerable<QueryValue> Shrink()
    {
        switch (Kind)
        {
            case "number":
                if (Number != 0) yield return Of(0);
                if (Math.Abs(Number) > 1) yield return Of(Number / 2);
                if (Number < 0) yield return Of(-Number);
                break;
            case "text":
                yield return Absent;
                if (Text.Length > 1) yield return OfText(Text[..(Text.Length / 2)]);
                break;
            case "repeated":
                yield return First!;
                yield return Second!;
                break;
        }
    }

    public override string ToString() => Kind switch
    {
        "absent" => "(absent)",
        "number" => Number.ToString(CultureInfo.InvariantCulture),
        "text" => $"'{Text}'",
        _ => $"[{First}, {Second}]",
    };
}
