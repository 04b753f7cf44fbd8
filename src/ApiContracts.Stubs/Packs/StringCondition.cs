using System.Text.Json;
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

    // Compiled once.
    private readonly Regex? _regex = Kind is "matches" or "doesNotMatch" ? WholeValue(Operand, IgnoreCase) : null;

    // The equalToJson operand, parsed once; null when it is not JSON, and then no value matches.
    private readonly JsonElement? _json = Kind == "equalToJson" ? ParseJson(Operand) : null;

    /// <summary>
    /// A WireMock (Java) regular expression: it accepts a value when the whole of it matches, by any
    /// alternative, so it is anchored at both ends (<c>\z</c>: a trailing newline is not the end).
    /// </summary>
    internal static Regex WholeValue(string pattern, bool ignoreCase) =>
        new("^(?:" + pattern + @")\z", (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The regular expression of <see cref="WholeValue"/>; a pattern .NET cannot compile is a <see cref="FormatException"/> naming <paramref name="where"/>.</summary>
    internal static Regex CompileRegex(string pattern, bool ignoreCase, string where)
    {
        try
        {
            return WholeValue(pattern, ignoreCase);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{where}: not a regular expression: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the condition asks for the value to be missing.</summary>
    public bool IsAbsent => Kind == "absent";

    /// <summary>Reads a pattern object; <paramref name="where"/> names it in errors.</summary>
    /// <exception cref="FormatException">For an unsupported or malformed pattern.</exception>
    public static StringCondition Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new FormatException($"{where}: a pattern must be an object such as {{\"equalTo\": \"x\"}}, not {PackMapping.Describe(node)}");
        var ignoreCase = false;
        if (o.TryGetPropertyValue("caseInsensitive", out var flag))
        {
            ignoreCase = flag is JsonValue ci && ci.TryGetValue<bool>(out var value) ? value : throw new FormatException($"{where}: 'caseInsensitive' must be true or false, not {PackMapping.Describe(flag)}");
        }

        var kinds = o.Select(kv => kv.Key).Where(k => k != "caseInsensitive").ToList();
        if (kinds.Count != 1 || !Kinds.Contains(kinds[0], StringComparer.Ordinal))
        {
            throw new FormatException($"{where}: unsupported pattern {{{string.Join(", ", kinds)}}} (supported: {string.Join(", ", Kinds)})");
        }

        var kind = kinds[0];
        var operand = kind switch
        {
            "absent" => string.Empty,
            "equalToJson" => o[kind] is JsonValue s && s.TryGetValue<string>(out var text) ? text : o[kind]?.ToJsonString() ?? "null",
            _ => o[kind] is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new FormatException($"{where}: '{kind}' needs a text value, not {PackMapping.Describe(o[kind])}"),
        };
        if (kind is "matches" or "doesNotMatch") _ = CompileRegex(operand, ignoreCase, $"{where} '{kind}'");
        return new StringCondition(kind, operand, ignoreCase);
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
            "matches" => _regex!.IsMatch(value),
            "doesNotMatch" => !_regex!.IsMatch(value),
            "equalToJson" => JsonEquals(value),
            _ => false,
        };
    }

    private bool JsonEquals(string actual)
    {
        if (_json is not { } expected) return false;
        try
        {
            using var document = JsonDocument.Parse(actual);
            return JsonElement.DeepEquals(document.RootElement, expected);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
