using ApiContracts.Core.Json;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiContracts.Pact.Contracts;

// Matchers: whether each can be satisfied by the field it is on, and by the pact's own example; and bodies
// the checker cannot read.
public sealed partial class ConsumerPactChecker
{
    // Values of each type a regex matcher is tried on, besides the pact's own example.
    private static readonly string[] IntegerSamples = ["0", "1", "7", "42", "-1", "100", "1610331830841"];
    private static readonly string[] NumberSamples = ["0", "1", "0.5", "1.5", "-2.25", "100.0"];

    // V3/V4 rules live under <request|response>.matchingRules.body; V2 ones are moved there.
    private static IEnumerable<(string Path, string Combine, JsonArray Matchers)> BodyRules(JsonObject part)
    {
        if (PactDocument.MatchingRules(part["matchingRules"])?["body"] is not JsonObject body) yield break;
        foreach (var (path, rule) in body)
        {
            var combine = (rule as JsonObject)?["combine"] is JsonValue c && c.GetValueKind() == JsonValueKind.String ? c.GetValue<string>() : "AND";
            yield return (path, combine, (rule as JsonObject)?["matchers"] as JsonArray ?? []);
        }
    }

    /// <summary>
    /// The JSON of a pact body, or why it cannot be read: V4 wraps a body as <c>{"content", "contentType", "encoded"}</c>
    /// and may store it base64-encoded; one with a JSON content type is decoded, any other is not JSON to check.
    /// </summary>
    private static (JsonNode? Body, string? Unreadable) ReadBody(JsonNode? body)
    {
        if (body is not JsonObject wrapper || !wrapper.ContainsKey("content") || !(wrapper.ContainsKey("contentType") || wrapper.ContainsKey("encoded")))
        {
            return (PactDocument.Body(body), null);
        }

        var contentType = wrapper["contentType"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        var json = contentType is null || IsJson(contentType);
        var encoded = wrapper["encoded"] switch
        {
            JsonValue e when e.GetValueKind() == JsonValueKind.String => e.GetValue<string>(),
            JsonValue e when e.GetValueKind() == JsonValueKind.True => "base64",
            _ => null,
        };
        var shown = contentType ?? "none";
        if (encoded is null)
        {
            return json || wrapper["content"] is not JsonValue { } text || text.GetValueKind() != JsonValueKind.String
                ? (wrapper["content"], null)
                : (null, $"cannot be read: it is stored as text with content type '{shown}', not as JSON; the API answers JSON, so the body is not checked");
        }

        if (!json || !string.Equals(encoded, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"cannot be read: it is stored {encoded}-encoded with content type '{shown}', not as JSON; write it as a JSON body (contentType application/json, not encoded) to have it checked");
        }

        try
        {
            var bytes = Convert.FromBase64String(wrapper["content"]?.GetValue<string>() ?? string.Empty);
            return (JsonNode.Parse(Encoding.UTF8.GetString(bytes)), null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return (null, $"cannot be read: it is stored base64-encoded with content type '{shown}', but its content is not base64 of a JSON document ({ex.Message})");
        }
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    // verb: what the API does with the body, "sends" (a response) or "accepts" (a request).
    private static IEnumerable<string> MatcherProblems(JsonObject schema, JsonNode? body, string path, string combine, JsonArray matchers, string verb)
    {
        var tokens = Tokens(path);
        var target = Navigate(schema, tokens, out var missing);
        if (target is null)
        {
            yield return verb == "sends" ? $"asks for '{missing}', which the API's response does not have" : $"describes '{missing}', which the API's request body does not have";
            yield break;
        }

        var types = Types(target);
        var examples = body is null ? [] : Values(body, tokens).ToList();
        foreach (var matcher in matchers.OfType<JsonObject>())
        {
            var kind = (string?)matcher["match"] ?? "type";
            foreach (var problem in Satisfiable(target, types, kind, matcher, examples, verb)) yield return problem;
        }

        // The pact's own example must satisfy its matchers: all of them, or one when they are combined with OR.
        var any = string.Equals(combine, "OR", StringComparison.OrdinalIgnoreCase);
        foreach (var example in examples)
        {
            var failed = matchers.OfType<JsonObject>().Where(m => Fails(m, example) is not null).ToList();
            var satisfied = any ? failed.Count < matchers.Count : failed.Count == 0;
            if (satisfied || failed.Count == 0) continue;
            var why = string.Join("; ", failed.Select(m => Fails(m, example)));
            yield return $"the pact's own example {Show(example)} does not satisfy its {(any ? "matchers (combined with OR)" : "matcher")}: {why}";
        }
    }

    // Whether a matcher can be met by some value the field takes: its type, enum, pattern or format.
    private static IEnumerable<string> Satisfiable(JsonNode target, HashSet<string> types, string kind, JsonObject matcher, List<JsonNode?> examples, string verb)
    {
        string[]? needs = kind switch
        {
            "integer" => ["integer"],
            "decimal" or "number" => ["number", "integer"],
            "boolean" => ["boolean"],
            "regex" => ["string", "integer", "number"],
            "datetime" or "date" or "time" or "timestamp" => ["string"],
            "null" => ["null"],
            _ => null,
        };
        if (needs is not null && types.Count > 0 && !types.Overlaps(needs))
        {
            yield return $"a {kind} matcher on a value the API {verb} as {string.Join(" or ", types.Order(StringComparer.Ordinal))}";
            yield break;
        }

        if (kind == "type" && types.Count > 0)
        {
            foreach (var example in examples.Where(e => !types.Contains(Kind(e)) && !(Kind(e) == "integer" && types.Contains("number"))).Take(1))
            {
                yield return $"a type matcher whose example is {Article(Kind(example))} {Kind(example)}, while the API {verb} {string.Join(" or ", types.Order(StringComparer.Ordinal))}: no value the API {verb} has the example's type";
            }
        }

        if (kind != "regex" || matcher["regex"] is not JsonValue r || r.GetValueKind() != JsonValueKind.String) yield break;
        var pattern = r.GetValue<string>();
        if (Compile(pattern) is not { } regex)
        {
            yield return $"the regex {pattern} is not a valid regular expression";
            yield break;
        }

        if (target["enum"] is JsonArray values)
        {
            var possible = values.Where(v => v is not null).Select(v => Text(v!)).ToList();
            if (!possible.Any(regex.IsMatch)) yield return $"the regex {pattern} matches none of the values the API {verb} ({string.Join(", ", possible)})";
            yield break;
        }

        if (!types.Contains("string") && types.Overlaps(["integer", "number"]))
        {
            var integer = !types.Contains("number");
            var tried = examples.Where(e => Kind(e) is "integer" or "number").Select(e => Text(e!)).Concat(integer ? IntegerSamples : NumberSamples).ToList();
            if (!tried.Any(regex.IsMatch))
            {
                yield return $"the regex {pattern} matches no {(integer ? "integer" : "number")} (tried {string.Join(", ", tried.Distinct(StringComparer.Ordinal))}), and the API {verb} this field as {(integer ? "an integer" : "a number")} only";
            }
        }
    }

    // Why the example does not satisfy the matcher, or null when it does. Regexes are applied as the Pact
    // engine applies them: to the value's text, anchored only by the regex itself.
    private static string? Fails(JsonObject matcher, JsonNode? example)
    {
        var kind = (string?)matcher["match"] ?? "type";
        var actual = Kind(example);
        switch (kind)
        {
            case "regex" when matcher["regex"] is JsonValue r && r.GetValueKind() == JsonValueKind.String:
                if (example is null or JsonObject or JsonArray) return $"a regex matcher needs a string or number, the example is {Article(actual)} {actual}";
                var regex = Compile(r.GetValue<string>());
                return regex is null || regex.IsMatch(Text(example)) ? null : $"it does not match the regex {r.GetValue<string>()}";
            case "integer":
                return actual == "integer" ? null : $"an integer matcher, the example is {Article(actual)} {actual}";
            case "decimal" or "number":
                return actual is "integer" or "number" ? null : $"a {kind} matcher, the example is {Article(actual)} {actual}";
            case "boolean":
                return actual == "boolean" ? null : $"a boolean matcher, the example is {Article(actual)} {actual}";
            case "null":
                return example is null ? null : $"a null matcher, the example is {Article(actual)} {actual}";
            case "include" when matcher["value"] is JsonValue v && v.GetValueKind() == JsonValueKind.String:
                return example is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Contains(v.GetValue<string>(), StringComparison.Ordinal)
                    ? null : $"it does not include '{v.GetValue<string>()}'";
            case "type" when example is JsonArray items:
                if (matcher["min"] is JsonValue min && min.TryGetValue<int>(out var least) && items.Count < least) return $"it has {items.Count} item(s), fewer than the matcher's min {least}";
                if (matcher["max"] is JsonValue max && max.TryGetValue<int>(out var most) && items.Count > most) return $"it has {items.Count} item(s), more than the matcher's max {most}";
                return null;
            default:
                return null;
        }
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // The values a JSON path selects in the example body: names, indexes and [*].
    private static IEnumerable<JsonNode?> Values(JsonNode body, List<string> tokens)
    {
        IEnumerable<JsonNode?> current = [body];
        foreach (var token in tokens)
        {
            current = current.SelectMany(node => token == "*"
                ? node switch
                {
                    JsonArray a => a.AsEnumerable(),
                    JsonObject o => o.Select(kv => kv.Value),
                    _ => [],
                }
                : node switch
                {
                    JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i < a.Count ? [a[i]] : [],
                    JsonObject o when o.TryGetPropertyValue(token, out var v) => [v],
                    _ => [],
                }).ToList();
        }

        return current;
    }

    private static string Kind(JsonNode? value) => JsonKind.Of(value);

    private static string Article(string kind) => kind is "integer" or "object" or "array" ? "an" : "a";

    private static string Text(JsonNode value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text;
    }

    private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray list => list.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    // Follows a JSON path through the schema's properties and items; error bodies with oneOf wrappers are searched branch by branch.
    private static JsonNode? Navigate(JsonNode schema, IEnumerable<string> tokens, out string missing)
    {
        missing = string.Empty;
        var node = schema;
        foreach (var token in tokens)
        {
            if (token is "*" || int.TryParse(token, CultureInfo.InvariantCulture, out _))
            {
                node = node["items"] ?? node;
                continue;
            }

            var next = node["properties"]?[token];
            if (next is null && node["oneOf"] is JsonArray branches) next = branches.Select(b => b?["properties"]?[token]).FirstOrDefault(p => p is not null);
            if (next is null && node["additionalProperties"] is JsonValue open && open.GetValue<bool>()) return new JsonObject();
            if (next is null)
            {
                missing = token;
                return null;
            }

            node = next;
        }

        return node;
    }

    private static List<string> Tokens(string path)
    {
        var tokens = new List<string>();
        foreach (Match m in Regex.Matches(path.TrimStart('$'), @"\.([^.\[\]]+)|\['([^']+)'\]|\[(\*|\d+)\]"))
        {
            tokens.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
        }

        return tokens;
    }
}
