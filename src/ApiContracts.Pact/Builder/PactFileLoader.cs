using System.Text.Json.Nodes;

namespace ApiContracts.Pact.Builder;

/// <summary>Loads the HTTP interactions of a pact file (V2, V3 or V4) into a builder, so the engine's mock server can serve it.</summary>
public static class PactFileLoader
{
    /// <summary>A builder holding every HTTP interaction of <paramref name="pact"/>.</summary>
    /// <exception cref="FormatException">When the document is not a pact.</exception>
    public static PactBuilder Load(JsonNode pact, IPactDriver? driver = null)
    {
        ArgumentNullException.ThrowIfNull(pact);
        var consumer = (string?)pact["consumer"]?["name"] ?? throw new FormatException("not a pact: no consumer name");
        var provider = (string?)pact["provider"]?["name"] ?? throw new FormatException("not a pact: no provider name");
        var interactions = pact["interactions"] as JsonArray ?? throw new FormatException("not a pact: no interactions");
        var version = (string?)pact["metadata"]?["pactSpecification"]?["version"] ?? (string?)pact["metadata"]?["pact-specification"]?["version"] ?? "2.0.0";
        var builder = new PactBuilder(consumer, provider, version.StartsWith('4') ? PactSpecification.V4 : PactSpecification.V3, driver);
        foreach (var interaction in interactions.OfType<JsonObject>())
        {
            if ((string?)interaction["type"] is { } type && type != "Synchronous/HTTP") continue;
            Add(builder, interaction);
        }

        return builder;
    }

    private static void Add(PactBuilder builder, JsonObject interaction)
    {
        var description = (string?)interaction["description"] ?? throw new FormatException("an interaction has no description");
        var request = interaction["request"] as JsonObject ?? throw new FormatException($"'{description}': no request");
        var response = interaction["response"] as JsonObject ?? throw new FormatException($"'{description}': no response");
        var step = builder.UponReceiving(description);
        foreach (var state in States(interaction)) step.Given(state.Name, state.Parameters);
        step.WithRequest((string?)request["method"] ?? "GET", (string?)request["path"] ?? "/");
        foreach (var (name, value) in Query(request["query"])) step.WithQuery(name, value);
        foreach (var (name, value) in Headers(request["headers"])) step.WithHeader(name, value);
        if (Body(request["body"]) is { } requestBody) step.WithJsonBody(requestBody);
        if (Rules(request["matchingRules"]) is { } requestRules) step.WithMatchingRules(requestRules);
        var answer = step.WillRespondWith(response["status"] is JsonValue s ? s.GetValue<int>() : 200);
        foreach (var (name, value) in Headers(response["headers"])) answer.WithHeader(name, value);
        if (Body(response["body"]) is { } responseBody) answer.WithJsonBody(responseBody);
        if (Rules(response["matchingRules"]) is { } responseRules) answer.WithMatchingRules(responseRules);
    }

    private static IEnumerable<(string Name, Dictionary<string, JsonNode?> Parameters)> States(JsonObject interaction)
    {
        if (interaction["providerStates"] is JsonArray states)
        {
            foreach (var state in states.OfType<JsonObject>())
            {
                var parameters = (state["params"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.DeepClone());
                yield return ((string?)state["name"] ?? string.Empty, parameters);
            }
        }
        else if ((string?)interaction["providerState"] is { } single)
        {
            yield return (single, []);
        }
    }

    private static IEnumerable<(string, JsonNode)> Query(JsonNode? query)
    {
        switch (query)
        {
            case JsonObject map:
                foreach (var (name, values) in map)
                {
                    foreach (var value in values is JsonArray a ? a : new JsonArray(values?.DeepClone())) yield return (name, JsonValue.Create(value?.ToString() ?? string.Empty));
                }

                break;
            case JsonValue text:
                foreach (var (name, value) in ApiContracts.Core.Routing.QueryString.Parse(text.GetValue<string>())) yield return (name, JsonValue.Create(value));
                break;
        }
    }

    private static IEnumerable<(string, JsonNode)> Headers(JsonNode? headers)
    {
        foreach (var (name, value) in headers as JsonObject ?? [])
        {
            yield return (name, JsonValue.Create(value is JsonArray a ? string.Join(", ", a) : value?.ToString() ?? string.Empty));
        }
    }

    private static JsonNode? Body(JsonNode? body) =>
        body is JsonObject o && o.ContainsKey("content") && (o.ContainsKey("contentType") || o.ContainsKey("encoded")) ? o["content"]?.DeepClone() : body?.DeepClone();

    // V2 rules sit beside the parts with "$.body.x" and "$.headers.x" keys; V3/V4 group them by part.
    private static string? Rules(JsonNode? rules)
    {
        if (rules is not JsonObject map || map.Count == 0) return null;
        if (map.Any(kv => kv.Key.StartsWith("$.", StringComparison.Ordinal)))
        {
            var grouped = new JsonObject();
            foreach (var (key, rule) in map)
            {
                var part = key.StartsWith("$.body", StringComparison.Ordinal) ? "body" : key.StartsWith("$.headers", StringComparison.Ordinal) ? "header" : "query";
                var rest = part == "body" ? "$" + key["$.body".Length..] : key.Split('.').Last();
                grouped[part] ??= new JsonObject();
                grouped[part]![rest] = new JsonObject { ["matchers"] = new JsonArray(rule?.DeepClone()) };
            }

            return grouped.ToJsonString();
        }

        return map.ToJsonString();
    }
}
