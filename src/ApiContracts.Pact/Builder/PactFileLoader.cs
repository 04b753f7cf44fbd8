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
        try
        {
            foreach (var interaction in PactDocument.HttpInteractions(interactions)) Add(builder, interaction);
        }
        catch
        {
            // A malformed interaction must not leak the engine's pact.
            builder.Dispose();
            throw;
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
        foreach (var (name, value) in PactDocument.Query(request["query"])) step.WithQuery(name, JsonValue.Create(value));
        foreach (var (name, value) in PactDocument.Headers(request["headers"])) step.WithHeader(name, JsonValue.Create(value ?? string.Empty));
        if (PactDocument.Body(request["body"]) is { } requestBody) step.WithJsonBody(requestBody);
        if (PactDocument.MatchingRules(request["matchingRules"]) is { } requestRules) step.WithMatchingRules(requestRules.ToJsonString());
        var answer = step.WillRespondWith(response["status"] is JsonValue s ? s.GetValue<int>() : 200);
        foreach (var (name, value) in PactDocument.Headers(response["headers"])) answer.WithHeader(name, JsonValue.Create(value ?? string.Empty));
        if (PactDocument.Body(response["body"]) is { } responseBody) answer.WithJsonBody(responseBody);
        if (PactDocument.MatchingRules(response["matchingRules"]) is { } responseRules) answer.WithMatchingRules(responseRules.ToJsonString());
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
}
