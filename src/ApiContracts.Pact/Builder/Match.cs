using System.Text.Json.Nodes;

namespace ApiContracts.Pact.Builder;

/// <summary>Pact matchers, in the engine's integration JSON (<c>pact:matcher:type</c>), for bodies, headers and query values.</summary>
public static class Match
{
    /// <summary>Any value of the same JSON type as <paramref name="example"/>.</summary>
    public static JsonNode Type(JsonNode? example) => Matcher("type", example);

    /// <summary>Any integer.</summary>
    public static JsonNode Integer(long example) => Matcher("integer", example);

    /// <summary>Any number with a fraction.</summary>
    public static JsonNode Decimal(double example) => Matcher("decimal", example);

    /// <summary>Any string matching <paramref name="regex"/>.</summary>
    public static JsonNode Regex(string regex, string example)
    {
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(example);
        if (!System.Text.RegularExpressions.Regex.IsMatch(example, regex)) throw new ArgumentException($"the example '{example}' does not match the regex {regex}", nameof(example));
        var node = Matcher("regex", example);
        node["regex"] = regex;
        return node;
    }

    /// <summary>An array of at least <paramref name="min"/> items, each like <paramref name="template"/>.</summary>
    public static JsonNode EachLike(JsonNode template, int min = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        var node = Matcher("type", new JsonArray(template));
        node["min"] = min;
        return node;
    }

    /// <summary>A date-time string in <paramref name="format"/> (Java DateTimeFormatter patterns, as Pact uses).</summary>
    public static JsonNode DateTime(string format, string example)
    {
        var node = Matcher("datetime", example);
        node["format"] = format;
        return node;
    }

    private static JsonObject Matcher(string type, JsonNode? value) => new() { ["pact:matcher:type"] = type, ["value"] = value?.DeepClone() };
}
