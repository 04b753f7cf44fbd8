using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Generation;
using ApiContracts.Core.Json;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Pact.Contracts;

/// <summary>
/// The reference contracts <c>generate</c> writes under <c>contracts/pacts/</c>: one V4 pact per provider,
/// for each API its default page, an explicit page, an empty list, each documented error and a missing
/// credential, and for the action API every action. Bodies are schema-valid examples; matching rules come
/// from the definitions, so any provider serving valid data passes. Provider states carry parameters
/// (the parent's id, the dataset size) that a provider's state-change endpoint can set up.
/// </summary>
public static class ReferencePacts
{
    /// <summary>The folder the pacts are written to.</summary>
    public const string Folder = "contracts/pacts";

    /// <summary>The consumer name of the reference pacts.</summary>
    public const string Consumer = "apicontracts-reference";

    /// <summary>Records the provider states ask for.</summary>
    public const int StateSize = 12;

    /// <summary>Adds every reference pact to <paramref name="set"/>.</summary>
    public static void AddTo(ArtifactSet set, ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(catalog);
        set.Own(Folder);
        foreach (var (provider, pact) in Build(catalog)) set.Add($"{Folder}/{Consumer}-{provider}.json", CanonicalJson.Write(pact));
    }

    /// <summary>Each provider's pact.</summary>
    public static IEnumerable<(string Provider, JsonObject Pact)> Build(ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var provider in catalog.Apis.Select(a => a.Provider).Distinct().Order(StringComparer.Ordinal))
        {
            var interactions = new JsonArray();
            foreach (var api in catalog.Apis.Where(a => a.Provider == provider))
            {
                foreach (var interaction in Interactions(api, catalog)) interactions.Add(interaction);
            }

            yield return (provider, new JsonObject
            {
                ["consumer"] = new JsonObject { ["name"] = Consumer },
                ["interactions"] = interactions,
                ["metadata"] = new JsonObject
                {
                    ["pactSpecification"] = new JsonObject { ["version"] = "4.0" },
                    ["apicontracts"] = new JsonObject { ["generatedBy"] = "./generate.cmd (apicontracts generate)", ["source"] = "contracts/apis" },
                },
                ["provider"] = new JsonObject { ["name"] = provider },
            });
        }
    }

    private static IEnumerable<JsonObject> Interactions(ApiDefinition api, ContractCatalog catalog)
    {
        var parent = api.Dataset.Parents[0];
        var id = parent[api.Dataset.Parent];
        var path = api.PathFor(parent);
        var withRecords = State("a known parent with records", (api.Dataset.Parent, id), ("size", StateSize));
        var dataset = new Dataset(api, parent, 1, StateSize);
        var missing = path.Replace(id, "no-such-" + api.Dataset.Parent.Replace('_', '-'), StringComparison.Ordinal);

        if (api.Pagination is not null)
        {
            var generator = new RecordGenerator(api);
            var (explicitQuery, start, count) = ExplicitPage(api);
            yield return Interaction(api, $"{api.Id}: the default page", withRecords, Request(api, path), 200, Page(api, generator, dataset, 0, DefaultCount(api), null), api.Success.Body!);
            yield return Interaction(api, $"{api.Id}: an explicit page", withRecords, Request(api, path, explicitQuery), 200, Page(api, generator, dataset, start, count, Link(api, path, dataset, start, count)), api.Success.Body!);
            yield return Interaction(api, $"{api.Id}: an empty list", State("a known parent with no records", (api.Dataset.Parent, id), ("size", 0)), Request(api, path), 200, Page(api, generator, new Dataset(api, parent, 1, 0), 0, 0, null), api.Success.Body!, empty: true);
            var (badName, badValue) = api.RejectedQuery!.Value;
            yield return Error(api, $"{api.Id}: a bad {badName} is rejected", withRecords, Request(api, path, [(badName, badValue)]), 400);
        }
        else
        {
            var bodies = new (string Name, JsonObject Body)[]
            {
                ("start", new JsonObject { ["action"] = "start" }),
                ("stop", new JsonObject { ["action"] = "stop" }),
                ("restart", new JsonObject { ["action"] = "restart" }),
                ("scale with replica", new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject { ["replica"] = 4 } }),
                ("rollback with version", new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = OrderedVersions.Semver(StateSize) } }),
            };
            foreach (var (name, body) in bodies)
            {
                var job = ActionFixtures.Job(Seed.Hash(api.Id, name));
                yield return Interaction(api, $"{api.Id}: {name}", withRecords, Request(api, path, body: body), 200, job, api.Success.Body!);
            }

            yield return Error(api, $"{api.Id}: scale without replica is rejected", withRecords, Request(api, path, body: new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject() }), 400);
            yield return Error(api, $"{api.Id}: a rollback to a version the instance lacks is rejected", withRecords, Request(api, path, body: new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = "9.9.9" } }), 400);
        }

        var valid = api.Request.Body is null ? null : new JsonObject { ["action"] = "start" };
        yield return Error(api, $"{api.Id}: a missing credential is refused", null, Request(api, path, body: valid, credential: false), 401);
        yield return Error(api, $"{api.Id}: an unknown {api.Dataset.Parent} is not found", null, Request(api, missing, body: valid), 404);
        yield return Error(api, $"{api.Id}: the provider fails", State("the provider fails", ("scenario", "error-500")), Request(api, path, body: valid), 500);
    }

    private static JsonObject Interaction(ApiDefinition api, string description, JsonObject? state, JsonObject request, int status, JsonNode body, FieldTable table, bool empty = false)
    {
        var rules = MatchingRules.ForBody(table);
        if (empty && api.Pagination is not null)
        {
            // The empty list is exact: no items and a total of 0.
            rules.Remove("$." + api.Pagination.Total.TrimStart('/'));
            rules["$." + api.Pagination.Items.TrimStart('/')] = MatchingRules.Rule(false, new JsonObject { ["match"] = "type", ["min"] = 0, ["max"] = 0 });
        }

        return Wrap(description, state, request, Response(status, body, rules));
    }

    private static JsonObject Error(ApiDefinition api, string description, JsonObject? state, JsonObject request, int status)
    {
        var body = ErrorBodies.Build(api, status, $"{api.Response(status)!.Description} (example)", "E7D55162-4489-1619-AAF5-3F97D5FCA948");
        var rules = MatchingRules.ForError(api.Errors);
        foreach (var key in rules.Select(r => r.Key).Where(k => !body.ContainsKey(KeyRoot(k))).ToList()) rules.Remove(key);
        // The status decides the error; its code and the PAI status field are pinned, the message is free text.
        foreach (var key in rules.Select(r => r.Key).Where(k => k.EndsWith(".code", StringComparison.Ordinal) || k is "$.Code" or "$.error_code" or "$.HttpStatusCode" or "$.Success").ToList()) rules.Remove(key);
        return Wrap(description, state, request, Response(status, body, rules));
    }

    private static string KeyRoot(string path) => path.Split('.', '[')[1].Trim('\'', ']');

    private static JsonObject Wrap(string description, JsonObject? state, JsonObject request, JsonObject response)
    {
        var interaction = new JsonObject
        {
            ["description"] = description,
            ["pending"] = false,
        };
        if (state is not null) interaction["providerStates"] = new JsonArray(state.DeepClone());
        interaction["request"] = request;
        interaction["response"] = response;
        interaction["type"] = "Synchronous/HTTP";
        return interaction;
    }

    private static JsonObject Request(ApiDefinition api, string path, IEnumerable<(string Name, string Value)>? query = null, JsonObject? body = null, bool credential = true)
    {
        var headers = new JsonObject { ["Content-Type"] = new JsonArray("application/json") };
        var rules = new JsonObject();
        if (credential)
        {
            var example = api.Auth.Header == "Authorization" ? "acs reference:signature" : "reference-token";
            headers[api.Auth.Header] = new JsonArray(example);
            rules[api.Auth.Header] = MatchingRules.Rule(false, new JsonObject { ["match"] = "regex", ["regex"] = "^.+$" });
        }

        var request = new JsonObject { ["method"] = api.Operation.Method, ["path"] = path };
        var q = new JsonObject();
        foreach (var (name, value) in query ?? []) q[name] = new JsonArray(value);
        if (q.Count > 0) request["query"] = q;
        request["headers"] = headers;
        if (rules.Count > 0) request["matchingRules"] = new JsonObject { ["header"] = rules };
        if (body is not null) request["body"] = new JsonObject { ["content"] = body.DeepClone(), ["contentType"] = "application/json", ["encoded"] = false };
        return request;
    }

    private static JsonObject Response(int status, JsonNode body, JsonObject bodyRules)
    {
        var rules = new JsonObject
        {
            ["body"] = bodyRules,
            ["header"] = new JsonObject { ["Content-Type"] = MatchingRules.Rule(false, new JsonObject { ["match"] = "regex", ["regex"] = "^application/json.*$" }) },
        };
        return new JsonObject
        {
            ["status"] = status,
            ["headers"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json;charset=utf-8") },
            ["body"] = new JsonObject { ["content"] = body, ["contentType"] = "application/json", ["encoded"] = false },
            ["matchingRules"] = rules,
        };
    }

    private static JsonObject State(string name, params (string Name, JsonNode? Value)[] parameters)
    {
        var p = new JsonObject();
        foreach (var (key, value) in parameters) p[key] = value;
        return new JsonObject { ["name"] = name, ["params"] = p };
    }

    private static JsonObject Page(ApiDefinition api, RecordGenerator generator, Dataset dataset, long start, long count, JsonArray? links) =>
        PageBuilder.Page(api, generator.Records(dataset, start, Math.Max(0, Math.Min(count, dataset.Size - start))), dataset.Size, links, Seed.Hash(api.Id, start.ToString(CultureInfo.InvariantCulture)));

    private static JsonArray? Link(ApiDefinition api, string path, Dataset dataset, long start, long count) =>
        PageBuilder.NextLink(api, "http://localhost:8080", path, [], count, IndexCodec.Encode(dataset.Key, start + count - 1));

    private static long DefaultCount(ApiDefinition api) => api.Pagination!.DefaultPageSize;

    private static (IEnumerable<(string, string)> Query, long Start, long Count) ExplicitPage(ApiDefinition api)
    {
        var (query, start, count) = api.Pagination!.ExplicitExample;
        return (query.Select(kv => (kv.Key, kv.Value)), start, count);
    }

}
