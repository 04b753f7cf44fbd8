using System.Text.Json.Nodes;
using ApiContracts.Stubs.Engine;

namespace ApiContracts.Stubs.Hosting;

// The Pact verifier's state-change endpoint, POST /__stub/provider-states. Pact verifiers cannot add headers
// to this call, so besides the admin header it accepts the admin token as ?admin_token= (see AdminGate).
internal sealed partial class StubAdmin
{
    /// <summary>The largest dataset a provider state may ask for: the documented maximum of a virtual dataset.</summary>
    internal const long MaxDatasetSize = 1_000_000_000;

    // The Pact verifier posts {"action": "setup"|"teardown", "state": "...", "params": {...}} around each interaction.
    private JsonObject ProviderState(JsonObject body)
    {
        var engine = server.Engine;
        var action = Text(body["action"], "action") ?? "setup";
        var state = Text(body["state"], "state") ?? string.Empty;
        if (action == "teardown")
        {
            engine.Parents.Reset();
            var restored = engine.Update(s => s with { DefaultScenario = engine.Initial.DefaultScenario });
            return new JsonObject { ["action"] = action, ["state"] = state, ["defaultScenario"] = restored.Settings.DefaultScenario };
        }

        if (action != "setup") throw new ArgumentException($"provider-states: action '{action}' is not setup or teardown");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        long? size = null;
        string? scenario = null;
        foreach (var (name, value) in body["params"] as JsonObject ?? [])
        {
            switch (name)
            {
                case "size" or "count":
                    size = WholeNumber<long>(value, $"provider-states: {name}");
                    if (size is < 0 or > MaxDatasetSize) throw new ArgumentException($"provider-states: size {size} must be 0..{MaxDatasetSize} (the largest virtual dataset)");
                    break;
                case "scenario":
                    scenario = value?.ToString();
                    break;
                default:
                    values[name] = value is JsonValue s && s.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? string.Empty;
                    break;
            }
        }

        // Check the scenario before touching anything, so a bad one changes nothing.
        if (scenario is not null && !Scenarios.All.ContainsKey(scenario))
        {
            throw new ArgumentException($"provider-states: scenario '{scenario}': unknown (allowed: {string.Join(", ", Scenarios.All.Keys)})");
        }

        var touched = values.Count > 0 ? engine.Parents.Set(values, size) : [];
        var produced = scenario is null ? engine.Current : engine.Update(s => s with { DefaultScenario = scenario });
        return new JsonObject
        {
            ["action"] = action,
            ["state"] = state,
            ["apis"] = new JsonArray(touched.Select(t => (JsonNode)t).ToArray()),
            ["size"] = size,
            ["defaultScenario"] = produced.Settings.DefaultScenario,
        };
    }

    private static string? Text(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw new ArgumentException($"provider-states: '{name}' must be a string, not {node.ToJsonString()}"),
    };
}
