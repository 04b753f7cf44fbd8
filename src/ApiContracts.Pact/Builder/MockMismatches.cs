using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Pact.Builder;

/// <summary>
/// The Pact mock server's mismatches (<see cref="MockServer.Mismatches"/>, the engine's JSON) as one readable
/// line per problem, each naming the request and what differed, as <c>verify</c> prints its failures.
/// </summary>
public static class MockMismatches
{
    /// <summary>The lines for <paramref name="json"/>; empty when nothing went wrong.</summary>
    public static IReadOnlyList<string> Describe(string json)
    {
        JsonNode? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return [json.Trim()];
        }

        return parsed is JsonArray list ? list.SelectMany(Lines).ToList() : parsed is null ? [] : [parsed.ToJsonString()];
    }

    private static IEnumerable<string> Lines(JsonNode? entry)
    {
        var request = $"{Text(entry?["method"]) ?? "?"} {Text(entry?["path"]) ?? "?"}";
        var details = entry?["mismatches"] as JsonArray;
        switch (Text(entry?["type"]))
        {
            case "missing-request":
                yield return $"missing     {request}: expected by the pact, never received";
                break;
            case "request-not-found":
                yield return $"unexpected  {request}: no interaction in the pact matches it";
                break;
            case "request-mismatch" when details is { Count: > 0 }:
                foreach (var detail in details)
                {
                    var what = Text(detail?["mismatch"]) ?? detail?.ToJsonString() ?? "differs";
                    yield return $"mismatch    {request}: {Where(detail)}{what}";
                }

                break;
            default:
                yield return $"{Text(entry?["type"]) ?? "problem",-11} {request}: {entry?.ToJsonString()}";
                break;
        }
    }

    // "query limit: ", "header X-Auth-Token: ", "body $.count: ": where in the request the difference is.
    private static string Where(JsonNode? detail) => Text(detail?["type"]) switch
    {
        "QueryMismatch" => $"query {Text(detail?["parameter"])}: ",
        "HeaderMismatch" => $"header {Text(detail?["key"])}: ",
        "BodyMismatch" => $"body {Text(detail?["path"])}: ",
        "BodyTypeMismatch" => "body: ",
        "MethodMismatch" => "method: ",
        "PathMismatch" => "path: ",
        _ => string.Empty,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
}
