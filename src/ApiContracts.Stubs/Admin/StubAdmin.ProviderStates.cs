using System.Text.Json.Nodes;
using ApiContracts.Fixtures.States;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

// The Pact verifier's state-change endpoint, /__stub/provider-states. Pact verifiers cannot add headers
// to this call, so besides the admin header it accepts the admin token as ?admin_token= (see AdminGate).
internal sealed partial class StubAdmin
{
    // The verifier sends {"action": "setup"|"teardown", "state": "...", "params": {...}} as a JSON body, or
    // (pact verifier --state-change-as-query) the same as query parameters: ?action=setup&state=...&size=12.
    // The states are the closed set of ProviderStates; each setup replaces what earlier setups made of the
    // parents it names, and a teardown puts those parents back. The state "" (an interaction without
    // states) puts every parent back.
    private async Task<JsonObject> ProviderState(HttpContext context)
    {
        var (action, state, parameters) = await StateCall(context);
        if (action is not ("setup" or "teardown"))
        {
            throw new ProviderStateException(state, $"action '{action}' is not setup or teardown");
        }

        var parents = server.Engine.Parents;
        if (state == ProviderStates.NoState)
        {
            parents.Reset();
            return new JsonObject { ["action"] = action, ["state"] = state, ["apis"] = new JsonArray(), ["parents"] = new JsonArray() };
        }

        var setups = ProviderStates.Resolve(server.Engine.Catalog, state, parameters);
        if (action == "setup") parents.Apply(setups);
        else parents.Restore(setups);
        return new JsonObject
        {
            ["action"] = action,
            ["state"] = state,
            ["apis"] = new JsonArray(setups.Select(s => (JsonNode)s.Api.Id).Distinct().ToArray()),
            ["parents"] = new JsonArray(setups.Select(s => (JsonNode)new JsonObject
            {
                ["api"] = s.Api.Id,
                [s.Api.Dataset.Parent] = s.ParentId,
                ["exists"] = action == "setup" ? s.Exists : null,
                ["size"] = action == "setup" ? s.Size : null,
                ["fails"] = action == "setup" ? s.Fails : null,
            }).ToArray()),
        };
    }

    // The call's action, state and parameters, from the query (when it names the state or the action) or the JSON body.
    private static async Task<(string Action, string? State, Dictionary<string, JsonNode?> Parameters)> StateCall(HttpContext context)
    {
        var query = context.Request.Query;
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (query.ContainsKey("state") || query.ContainsKey("action"))
        {
            if ((await Body(context)).Count > 0) throw new ProviderStateException(null, "give the state in the query or in the body, not both");
            foreach (var (name, values) in query)
            {
                if (name is AdminGate.QueryName or "state" or "action") continue;
                if (values.Count != 1) throw new ProviderStateException(query["state"].ToString(), $"query parameter '{name}' is given {values.Count} times");
                parameters[name] = values.ToString();
            }

            return (query["action"].Count > 0 ? query["action"].ToString() : "setup", query["state"].Count > 0 ? query["state"].ToString() : null, parameters);
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new ProviderStateException(null, "a GET names the state and action in the query (?action=setup&state=...)");
        }

        var body = await Body(context);
        var state = Text(body["state"], "state");
        var action = Text(body["action"], "action") ?? "setup";
        switch (body["params"])
        {
            case null:
                break;
            case JsonObject given:
                foreach (var (name, value) in given) parameters[name] = value;
                break;
            default:
                throw new ProviderStateException(state, $"'params' must be a JSON object, not {body["params"]!.ToJsonString()}");
        }

        return (action, state, parameters);
    }

    // GET /__stub/states: the closed set, with the parent parameter each state takes per API.
    private JsonObject States()
    {
        var catalog = server.Engine.Catalog;
        return new JsonObject
        {
            ["url"] = "/__stub/provider-states",
            ["states"] = new JsonArray(ProviderStates.All.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["sets up"] = s.Summary,
                ["parent"] = new JsonObject(catalog.Apis.Where(s.AppliesTo).Select(a => KeyValuePair.Create(a.Id, (JsonNode?)a.Dataset.Parent))),
                ["params"] = new JsonObject(s.Parameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)$"{(p.Required ? "required" : "optional")}: {p.Meaning}"))),
            }).ToArray()),
        };
    }

    private static string? Text(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw new ProviderStateException(null, $"'{name}' must be a string, not {node.ToJsonString()}"),
    };
}
