using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>The edge profile's values: free text that breaks careless consumers, and nulls wherever a field allows them.</summary>
internal static class StressText
{
    /// <summary>The longest free text: the length the edge-case sets use, when the definition sets no maximum.</summary>
    public const int Longest = 4096;

    // Text a front end, a spreadsheet or a database loader is likely to mishandle.
    private static readonly (string Name, string Text)[] Kinds =
    [
        ("the longest text (4096 characters of mixed ASCII, CJK and emoji)", string.Empty),
        ("CJK with emoji, a ZWJ sequence, a combining mark, an astral ideograph and right-to-left text", "快照说明：灰度发布 🚀🔥 版本回滚✅ e\u0301 👩\u200d💻 𠜎 مرحبا"),
        ("CSV, JSON and HTML specials: quotes, commas, a newline, a tab, a backslash, markup, a formula, the NULL token", "a,\"b\"\n'c';\t\\ <script>alert(1)</script> =SUM(A1:A9) NULL"),
        ("an empty string", string.Empty),
        ("leading and trailing spaces", "  padded text  "),
        ("the bare NULL token", "NULL"),
    ];

    private static readonly string LongText = Build();

    /// <summary>What the edge profile makes of free text, in words.</summary>
    public static string Description => "stress text, each kind in about 1/6 of records: " + string.Join("; ", Kinds.Select(k => k.Name));

    /// <summary>
    /// The edge profile's own value for <paramref name="plan"/>, if it has one: null for half the records of a nullable
    /// field, stress text for free text (a sensitive configuration stays masked).
    /// </summary>
    public static bool TryValue(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value)
    {
        var field = plan.Field;
        if (field.Constraints.Nullable && random.Chance(context.Dataset.Profile.NullRate))
        {
            value = null;
            return true;
        }

        if (plan.Hint == "config-content" && siblings?["sensitive"] is JsonValue sensitive && sensitive.GetValue<bool>())
        {
            value = "******";
            return true;
        }

        if (Providers.FreeTextHints.Contains(plan.Hint))
        {
            value = Text(ref random, field.Constraints.MinLength, field.Constraints.MaxLength);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>One kind of stress text, fitted to the length limits.</summary>
    public static string Text(ref FieldRandom random, int? minLength, int? maxLength)
    {
        var kind = random.Next(Kinds.Length);
        var text = kind == 0 ? LongText : Kinds[kind].Text;
        if (maxLength is { } max && text.Length > max) text = Cut(text, max);
        if (minLength is { } min && text.Length < min) text = text.PadRight(min, 'x');
        return text;
    }

    // Never splits a surrogate pair: a lone half is not text.
    private static string Cut(string text, int length) =>
        length > 0 && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] + "x" : text[..length];

    private static string Build()
    {
        const string Piece = "snapshot 快照说明 backup 🚀 ";
        var text = new StringBuilder(Longest + Piece.Length);
        while (text.Length < Longest) text.Append(Piece);
        return Cut(text.ToString(), Longest);
    }
}
