using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiContracts.Stubs.Packs;

/// <summary>One WireMock value pattern (<c>equalTo</c>, <c>contains</c>, <c>matches</c>, <c>doesNotMatch</c>, <c>absent</c>), as WireMock (Java) reads it.</summary>
/// <param name="Kind">The pattern's keyword.</param>
/// <param name="Operand">The text it compares with (empty for absent).</param>
/// <param name="IgnoreCase">WireMock's <c>caseInsensitive</c>.</param>
public sealed record StringCondition(string Kind, string Operand, bool IgnoreCase)
{
    private static readonly string[] Kinds = ["equalTo", "contains", "matches", "doesNotMatch", "absent", "equalToJson"];
    private Regex? _regex;

    /// <summary>Whether the condition asks for the value to be missing.</summary>
    public bool IsAbsent => Kind == "absent";

    /// <summary>Reads a pattern object; <paramref name="where"/> names it in errors.</summary>
    /// <exception cref="FormatException">For an unsupported or malformed pattern.</exception>
    public static StringCondition Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new FormatException($"{where}: a pattern must be an object such as {{\"equalTo\": \"x\"}}");
        var ignoreCase = o["caseInsensitive"] is JsonValue ci && ci.GetValue<bool>();
        var kinds = o.Select(kv => kv.Key).Where(k => k != "caseInsensitive").ToList();
        if (kinds.Count != 1 || !Kinds.Contains(kinds[0], StringComparer.Ordinal))
        {
            throw new FormatException($"{where}: unsupported pattern {{{string.Join(", ", kinds)}}} (supported: {string.Join(", ", Kinds)})");
        }

        var kind = kinds[0];
        var operand = kind switch
        {
            "absent" => string.Empty,
            "equalToJson" => o[kind] is JsonValue s && s.TryGetValue<string>(out var text) ? text : o[kind]!.ToJsonString(),
            _ => o[kind] is JsonValue v && v.TryGetValue<string>(out var value) ? value : throw new FormatException($"{where}: '{kind}' needs a text value"),
        };
        var condition = new StringCondition(kind, operand, ignoreCase);
        if (kind is "matches" or "doesNotMatch") condition._regex = new Regex(operand, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return condition;
    }

    /// <summary>Whether <paramref name="value"/> (null when missing) satisfies the condition.</summary>
    public bool Matches(string? value)
    {
        if (IsAbsent) return value is null;
        if (value is null) return false;
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Kind switch
        {
            "equalTo" => string.Equals(value, Operand, comparison),
            "contains" => value.Contains(Operand, comparison),
            "matches" => _regex!.IsMatch(value) && _regex.Match(value) is { Index: 0 } m && m.Length == value.Length,
            "doesNotMatch" => !(_regex!.Match(value) is { Success: true, Index: 0 } m2 && m2.Length == value.Length),
            "equalToJson" => JsonEquals(value, Operand),
            _ => false,
        };
    }

    private static bool JsonEquals(string actual, string expected)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
