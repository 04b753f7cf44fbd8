using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Pact.Contracts;

/// <summary>
/// Pact V4 body matching rules derived from a definition's rows, so a provider passes with any data the
/// schema allows, not only the example: types for plain values, integer for integers, regexes for
/// patterns, formats and enums, min-0 arrays matched item by item, and null allowed where documented.
/// </summary>
public static class MatchingRules
{
    /// <summary>An absolute URI, as a regex the Pact engine can apply.</summary>
    public const string UriPattern = "^[A-Za-z][A-Za-z0-9+.-]*://\\S+$";

    /// <summary>The rules for a body described by <paramref name="table"/>, keyed by JSON path (<c>$.count</c>).</summary>
    public static JsonObject ForBody(FieldTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rules = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        Walk(table, "$", rules);
        var result = new JsonObject();
        foreach (var (path, rule) in rules) result[path] = rule;
        return result;
    }

    /// <summary>The rules for an error body in the API's error format.</summary>
    public static JsonObject ForError(ErrorModel errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rules = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        // OpenStack errors wrap the fields; the example's wrapper is kept, its fields matched by type.
        var prefixes = errors.Style == "openstack" ? errors.Envelopes.Select(e => $"$.{e}") : ["$"];
        foreach (var prefix in prefixes) Walk(errors.Fields, prefix, rules);
        var result = new JsonObject();
        foreach (var (path, rule) in rules) result[path] = rule;
        return result;
    }

    private static void Walk(FieldTable table, string prefix, SortedDictionary<string, JsonObject> rules)
    {
        foreach (var field in table.Fields)
        {
            var path = prefix + Segment(field.Name);
            Add(field, path, rules);
        }
    }

    private static void Add(FieldDef field, string path, SortedDictionary<string, JsonObject> rules)
    {
        switch (field.Type)
        {
            case FieldType.Array:
                rules[path] = Rule(field.Constraints.Nullable, new JsonObject { ["match"] = "type", ["min"] = field.Constraints.MinItems ?? 0 });
                if (field.Items is { } items) Add(items with { Name = string.Empty }, path + "[*]", rules);
                return;
            case FieldType.Object:
                rules[path] = Rule(field.Constraints.Nullable, new JsonObject { ["match"] = "type" });
                if (field.Fields is not null) Walk(field.Fields, path, rules);
                return;
            default:
                rules[path] = Rule(field.Constraints.Nullable, Leaf(field));
                return;
        }
    }

    private static JsonObject Leaf(FieldDef field)
    {
        var c = field.Constraints;
        if (c.Enum is { Count: > 0 } values && field.Type == FieldType.String)
        {
            return new JsonObject { ["match"] = "regex", ["regex"] = "^(" + string.Join('|', values.Select(v => System.Text.RegularExpressions.Regex.Escape((string)v!))) + ")$" };
        }

        if (field.Type == FieldType.String && (c.Pattern ?? c.Format switch { "date-time" => SchemaBuilder.DateTimePattern, "uri" => UriPattern, _ => null }) is { } pattern)
        {
            return new JsonObject { ["match"] = "regex", ["regex"] = WholeValue(pattern) };
        }

        return field.Type switch
        {
            FieldType.Integer => new JsonObject { ["match"] = "integer" },
            FieldType.Number => new JsonObject { ["match"] = "number" },
            _ => new JsonObject { ["match"] = "type" },
        };
    }

    // A JSON Schema pattern may match anywhere in the value; the Pact engine matches the whole value. The
    // engine's regex dialect (Rust) has no lookaround, and its $ is the end of the text, so an end anchor
    // written as (?![\s\S]) for other dialects becomes $ here.
    private static string WholeValue(string pattern)
    {
        const string EndOfText = "(?![\\s\\S])";
        if (pattern.EndsWith(EndOfText, StringComparison.Ordinal)) pattern = pattern[..^EndOfText.Length] + "$";
        return (pattern.StartsWith('^') ? string.Empty : ".*") + pattern + (pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal) ? string.Empty : ".*");
    }

    /// <summary>One path's rule: the matcher, or null too when <paramref name="nullable"/>.</summary>
    internal static JsonObject Rule(bool nullable, JsonObject matcher)
    {
        var matchers = new JsonArray(matcher);
        if (nullable) matchers.Add(new JsonObject { ["match"] = "null" });
        return new JsonObject { ["combine"] = nullable ? "OR" : "AND", ["matchers"] = matchers };
    }

    // JSON path segment: .name, or ['name'] when the name has characters a dotted path cannot hold.
    internal static string Segment(string name) =>
        name.Length == 0 ? string.Empty
        : name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? "." + name
        : "['" + name + "']";
}
