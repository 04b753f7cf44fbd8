using System.Text.Json.Nodes;
using ApiContracts.Core.Routing;

namespace ApiContracts.Pact;

/// <summary>Reads the parts of a pact file (V2, V3 or V4) that differ between the versions.</summary>
internal static class PactDocument
{
    /// <summary>The HTTP interactions; V4 message interactions are left out.</summary>
    public static IEnumerable<JsonObject> HttpInteractions(JsonArray interactions) =>
        interactions.OfType<JsonObject>().Where(i => (string?)i["type"] is null or "Synchronous/HTTP");

    /// <summary>The body itself: V4 wraps it as <c>{"content": ..., "contentType": ...}</c>, V2/V3 do not.</summary>
    public static JsonNode? Body(JsonNode? body) =>
        body is JsonObject o && o.ContainsKey("content") && (o.ContainsKey("contentType") || o.ContainsKey("encoded")) ? o["content"] : body;

    /// <summary>The query as name/value pairs: a map of values or lists (V3/V4), or a query string (V2).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Query(JsonNode? query)
    {
        switch (query)
        {
            case JsonObject map:
                foreach (var (name, values) in map)
                {
                    if (values is JsonArray list)
                    {
                        foreach (var value in list) yield return new(name, value?.ToString() ?? string.Empty);
                    }
                    else
                    {
                        yield return new(name, values?.ToString() ?? string.Empty);
                    }
                }

                break;
            case JsonValue text:
                foreach (var pair in QueryString.Parse(text.GetValue<string>())) yield return pair;
                break;
        }
    }

    /// <summary>The headers with their text; a list of values is joined with ", ".</summary>
    public static IEnumerable<(string Name, string? Value)> Headers(JsonNode? headers)
    {
        foreach (var (name, value) in headers as JsonObject ?? []) yield return (name, value is JsonArray a ? string.Join(", ", a) : value?.ToString());
    }

    /// <summary>
    /// The matching rules grouped by part (<c>body</c>, <c>header</c>, <c>query</c>), as V3 and V4 write them;
    /// null when there are none. V2 put each rule beside the parts, keyed <c>$.body.x</c> or <c>$.headers.x</c>:
    /// those are moved into their group.
    /// </summary>
    public static JsonObject? MatchingRules(JsonNode? rules)
    {
        if (rules is not JsonObject map || map.Count == 0) return null;
        if (!map.Any(kv => IsV2(kv.Key))) return map;
        var grouped = new JsonObject();
        foreach (var (key, rule) in map.Where(kv => !IsV2(kv.Key))) grouped[key] = rule?.DeepClone();
        foreach (var (key, rule) in map.Where(kv => IsV2(kv.Key)))
        {
            var part = key.StartsWith("$.body", StringComparison.Ordinal) ? "body" : key.StartsWith("$.headers", StringComparison.Ordinal) ? "header" : "query";
            var rest = part == "body" ? "$" + key["$.body".Length..] : key.Split('.').Last();
            if (grouped[part] is not JsonObject group) grouped[part] = group = new JsonObject();
            group[rest] = rule is JsonObject o && o["matchers"] is JsonArray ? rule.DeepClone() : new JsonObject { ["matchers"] = new JsonArray(rule?.DeepClone()) };
        }

        return grouped;
    }

    private static bool IsV2(string key) => key.StartsWith("$.", StringComparison.Ordinal);
}
