using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Generation;
using ApiContracts.Core.Json;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;
using ApiContracts.Fixtures.States;

namespace ApiContracts.Pact.Contracts;

/// <summary>
/// The reference contracts <c>generate</c> writes under <c>contracts/pacts/</c>: one V4 pact per provider,
/// for each API its default page, an explicit page, a page per record state (a null description, a failed
/// snapshot), an empty list, a rejected parameter, a missing credential, an unknown parent and a provider
/// failure, and for the action API every action. They hold for any conforming provider, whatever its data:
/// each array has one example element matched by type, only fields a provider always sends are expected,
/// matching rules come from the definitions, and every interaction names a provider state from
/// <see cref="ProviderStates"/> asking for exactly the data it depends on.
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
                foreach (var interaction in Interactions(api)) interactions.Add(interaction);
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

    private static IEnumerable<JsonObject> Interactions(ApiDefinition api)
    {
        var parent = api.Dataset.Parents[0];
        var id = parent[api.Dataset.Parent];
        var path = api.PathFor(parent);
        var missingId = "no-such-" + api.Dataset.Parent.Replace('_', '-').ToLowerInvariant();
        var missing = path.Replace(id, missingId, StringComparison.Ordinal);
        var withRecords = ProviderStates.WithRecords.ForPact(api, id, ("size", StateSize));

        if (api.Pagination is not null)
        {
            var item = ReferenceBodies.Item(api);
            var (explicitQuery, count) = ExplicitPage(api);
            yield return Page(api, $"{api.Id}: the default page", withRecords, Request(api, path), ReferenceBodies.Page(api, [(JsonObject)item.DeepClone()], StateSize, null));
            yield return Page(api, $"{api.Id}: an explicit page", withRecords, Request(api, path, explicitQuery), ReferenceBodies.Page(api, [(JsonObject)item.DeepClone()], StateSize, Link(api, path, count)));
            foreach (var state in ProviderStates.RecordsOf(api))
            {
                var shaped = (JsonObject)item.DeepClone();
                foreach (var field in state.Fields) shaped[field.Name] = field.Value?.DeepClone();
                yield return Page(api, $"{api.Id}: {state.Name}", state.ForPact(api, id), Request(api, path), ReferenceBodies.Page(api, [Ordered(api, shaped)], 1, null), state);
            }

            yield return Empty(api, $"{api.Id}: an empty list", ProviderStates.WithNoRecords.ForPact(api, id), Request(api, path));
            var (badName, badValue) = api.RejectedQuery!.Value;
            yield return Error(api, $"{api.Id}: a bad {badName} is rejected", withRecords, Request(api, path, [(badName, badValue)]), 400);
        }
        else
        {
            var version = OrderedVersions.Semver(StateSize);
            var bodies = new (string Name, JsonObject Body, JsonObject State)[]
            {
                ("start", new JsonObject { ["action"] = "start" }, withRecords),
                ("stop", new JsonObject { ["action"] = "stop" }, withRecords),
                ("restart", new JsonObject { ["action"] = "restart" }, withRecords),
                ("scale with replica", new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject { ["replica"] = 4 } }, withRecords),
                ("rollback with version", new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = version } }, ProviderStates.SnapshotOfVersion.ForPact(api, id, ("version", version))),
            };
            foreach (var (name, body, state) in bodies)
            {
                var job = ActionFixtures.Job(Seed.Hash(api.Id, name));
                var rules = ReferenceBodies.Present(MatchingRules.ForBody(api.Success.Body!), job);
                yield return Wrap($"{api.Id}: {name}", state, Request(api, path, body: body), Response(200, job, rules));
            }

            yield return Error(api, $"{api.Id}: scale without replica is rejected", withRecords, Request(api, path, body: new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject() }), 400);
            yield return Error(api, $"{api.Id}: a rollback to a version the instance lacks is rejected", ProviderStates.WithNoRecords.ForPact(api, id), Request(api, path, body: new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = "9.9.9" } }), 400);
        }

        var valid = api.Request.Body is null ? null : new JsonObject { ["action"] = "start" };
        yield return Error(api, $"{api.Id}: a missing credential is refused", withRecords, Request(api, path, body: valid, credential: false), 401);
        yield return Error(api, $"{api.Id}: an unknown {api.Dataset.Parent} is not found", ProviderStates.Absent.ForPact(api, missingId), Request(api, missing, body: valid), 404);
        yield return Error(api, $"{api.Id}: the provider fails", ProviderStates.Fails.ForPact(api, id), Request(api, path, body: valid), 500);
    }

    // A page with records: each item matched by type against the one example element, at least one item.
    private static JsonObject Page(ApiDefinition api, string description, JsonObject state, JsonObject request, JsonObject body, RecordState? shaped = null)
    {
        var general = MatchingRules.ForBody(api.Success.Body!);
        var rules = ReferenceBodies.Present(general, body);
        var items = "$" + MatchingRules.Segment(api.Pagination!.Items.TrimStart('/'));
        rules[items] = MatchingRules.Rule(false, new JsonObject { ["match"] = "type", ["min"] = 1 });
        if (shaped is not null)
        {
            foreach (var (path, rule) in ReferenceBodies.RecordRules(shaped, items, general)) rules[path] = rule;
        }

        return Wrap(description, state, request, Response(200, body, Sorted(rules)));
    }

    // The empty list is exact: no items and a total of 0.
    private static JsonObject Empty(ApiDefinition api, string description, JsonObject state, JsonObject request)
    {
        var body = ReferenceBodies.Page(api, [], 0, null);
        var rules = ReferenceBodies.Present(MatchingRules.ForBody(api.Success.Body!), body);
        rules.Remove("$" + MatchingRules.Segment(api.Pagination!.Total.TrimStart('/')));
        rules["$" + MatchingRules.Segment(api.Pagination.Items.TrimStart('/'))] = MatchingRules.Rule(false, new JsonObject { ["match"] = "type", ["min"] = 0, ["max"] = 0 });
        return Wrap(description, state, request, Response(200, body, Sorted(rules)));
    }

    private static JsonObject Sorted(JsonObject rules)
    {
        var sorted = new JsonObject();
        foreach (var (path, rule) in rules.OrderBy(r => r.Key, StringComparer.Ordinal)) sorted[path] = rule!.DeepClone();
        return sorted;
    }

    // The item's fields in the definition's order, as a provider writes them.
    private static JsonObject Ordered(ApiDefinition api, JsonObject item)
    {
        var ordered = new JsonObject();
        foreach (var field in RecordGenerator.ItemsField(api)!.Items!.Fields!.Fields)
        {
            if (item.TryGetPropertyValue(field.Name, out var value)) ordered[field.Name] = value?.DeepClone();
        }

        return ordered;
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

    private static JsonArray? Link(ApiDefinition api, string path, long count) =>
        PageBuilder.NextLink(api, "http://localhost:8080", path, [], count, IndexCodec.Encode(new Dataset(api, api.Dataset.Parents[0], 1, StateSize).Key, count - 1));

    // The query of a page of five from a dataset of StateSize records, with more after it (the model's explicit example).
    private static (IEnumerable<(string, string)> Query, long Count) ExplicitPage(ApiDefinition api)
    {
        var (query, _, count) = api.Pagination!.ExplicitExample;
        return (query.Select(kv => (kv.Key, kv.Value)), count);
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
}
