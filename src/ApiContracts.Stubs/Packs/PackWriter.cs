using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Generation;
using ApiContracts.Core.Json;
using ApiContracts.Core.Validation;
using ApiContracts.Fixtures.Seeding;
using ApiContracts.Stubs.Engine;

namespace ApiContracts.Stubs.Packs;

/// <summary>
/// Writes one portable WireMock stub pack per provider (<c>fixtures/stubs/&lt;provider&gt;/mappings</c> and
/// <c>__files</c>). Every response is what the stub engine answers for the stub's representative request,
/// so a pack and the dynamic server agree by construction; the request conditions use only what
/// WireMock (Java) 3.x, WireMock Cloud and our loader all read: priorities, urlPath, equalTo, matches,
/// absent, equalToJson and fixed delays. A mapping asks for a header only where the definition makes it
/// mandatory and the stub enforces it (<see cref="RequestChecks.RequiredHeaders"/>: never <c>Content-Type</c>
/// on a GET). Next links are response templates built from the request's base URL
/// (<c>{{request.baseUrl}}</c>, WireMock's <c>response-template</c> transformer), so they point at whichever
/// server answers.
/// </summary>
public static class PackWriter
{
    /// <summary>The folder packs are written under.</summary>
    public const string Folder = "fixtures/stubs";

    /// <summary>Records under the parent a pack serves.</summary>
    public const int PackSize = 12;

    /// <summary>The seed of the pack data.</summary>
    public const ulong PackSeed = 1;

    /// <summary>The page size of the explicit pages.</summary>
    public const int PageSize = 5;

    // The base URL of the representative requests: a name that cannot occur in data, replaced by the template.
    private const string BaseUrl = "http://pack-base-url.invalid";

    /// <summary>A stub: its name, priority, request and the conditions to match it.</summary>
    private sealed record Stub(string Name, int Priority, StubRequest Request, JsonObject Match, int DelayMs = 0);

    /// <summary>Adds every pack to <paramref name="set"/>.</summary>
    public static void AddTo(ArtifactSet set, ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(catalog);
        var engine = new StubEngine(catalog, new StubSettings { Seed = PackSeed, Size = PackSize, SlowMilliseconds = 2000 });
        foreach (var provider in catalog.Apis.Select(a => a.Provider).Distinct().Order(StringComparer.Ordinal))
        {
            var folder = $"{Folder}/{provider}";
            set.Own(folder);
            var count = 0;
            foreach (var api in catalog.Apis.Where(a => a.Provider == provider))
            {
                foreach (var stub in Stubs(api))
                {
                    var answer = engine.Handle(stub.Request);
                    var file = $"{api.Id}/{stub.Name}.json";
                    var (body, templated) = Templated(Pretty(answer.Body), $"{folder}/__files/{file}");
                    set.Add($"{folder}/__files/{file}", body);
                    set.Add($"{folder}/mappings/{api.Id}--{stub.Name}.json", CanonicalJson.Write(Mapping(api, stub, answer, file, templated)));
                    count++;
                }
            }

            set.Add($"{folder}/README.md", Readme(provider, count, catalog));
        }
    }

    private static IEnumerable<Stub> Stubs(ApiDefinition api)
    {
        var parent = api.Dataset.Parents[0];
        var path = api.PathFor(parent);
        var auth = api.Auth.Header;
        var credential = api.Auth.Scheme switch
        {
            "acs-signature" => "acs pack:signature",
            _ => "pack-token", // a token, the only other scheme the definitions use
        };
        // The representative requests send what a client must: the credential and the headers the stub
        // enforces; so a GET carries no Content-Type, as from axios or fetch.
        var required = RequestChecks.RequiredHeaders(api).ToList();
        Dictionary<string, string> Headers(params (string, string)[] extra)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [auth] = credential };
            foreach (var field in required) headers[field.Name] = field.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? "application/json" : "pack";
            foreach (var (k, v) in extra) headers[k] = v;
            return headers;
        }

        StubRequest Req(string url, byte[]? body = null, Dictionary<string, string>? headers = null)
        {
            var q = url.IndexOf('?', StringComparison.Ordinal);
            return new StubRequest(api.Operation.Method, q < 0 ? url : url[..q], q < 0 ? string.Empty : url[(q + 1)..], headers ?? Headers(), body ?? [], BaseUrl);
        }

        JsonObject Match(string url, JsonObject? query = null, JsonObject? headers = null, JsonArray? body = null)
        {
            var request = new JsonObject { ["method"] = api.Operation.Method, ["urlPath"] = url };
            if (query is { Count: > 0 }) request["queryParameters"] = query;
            if (headers is { Count: > 0 }) request["headers"] = headers;
            if (body is not null) request["bodyPatterns"] = body;
            return request;
        }

        JsonObject Eq(string value) => new() { ["equalTo"] = value };
        JsonObject Absent() => new() { ["absent"] = true };
        var pagingParameters = api.Request.Query?.Fields.Select(f => f.Name).ToList() ?? [];
        JsonObject AllAbsent(params string[] except)
        {
            var o = new JsonObject();
            foreach (var name in pagingParameters.Except(except)) o[name] = Absent();
            return o;
        }

        // A header the stub enforces is asked for with any value, as the stub checks only that it is there.
        JsonObject Required()
        {
            var o = new JsonObject();
            foreach (var field in required) o[field.Name] = new JsonObject { ["matches"] = ".+" };
            return o;
        }

        // Errors first: their conditions are the most specific, so they carry the highest priorities.
        var withoutCredential = Headers();
        withoutCredential.Remove(auth);
        yield return new Stub("error-401-missing-credential", 1, Req(path, headers: withoutCredential),
            Match(path, headers: new JsonObject { [auth] = Absent() }));
        // A body-carrying API answers a bad body with 400 before anything else, so these stubs ask for a valid one.
        JsonArray? ValidBody() => api.Request.Body is null ? null : [new JsonObject { ["equalToJson"] = Encoding.UTF8.GetString(Body(api)) }];
        foreach (var (scenario, status) in new[] { ("error-500", 500), ("not-found", 404) })
        {
            yield return new Stub($"scenario-{scenario}", 2, Req(path, Body(api), Headers((Scenarios.Header, scenario))),
                Match(path, headers: new JsonObject { [Scenarios.Header] = Eq(scenario) }));
        }

        var unknown = path.Replace(parent[api.Dataset.Parent], "unknown-" + api.Dataset.Parent.ToLowerInvariant().Replace('_', '-'), StringComparison.Ordinal);
        yield return new Stub("error-404-unknown-parent", 3, Req(unknown, Body(api)), Match(unknown, headers: Required(), body: ValidBody()));
        foreach (var field in required)
        {
            var without = Headers();
            without.Remove(field.Name);
            yield return new Stub($"error-400-missing-{field.Name.ToLowerInvariant()}", 3, Req(path, Body(api), without),
                Match(path, headers: new JsonObject { [field.Name] = Absent() }, body: ValidBody()));
        }

        if (api.Pagination is null)
        {
            foreach (var stub in ActionStubs(api, path, Req, Match, Required())) yield return stub;
            yield break;
        }

        var (badName, badValue) = api.RejectedQuery!.Value;
        yield return new Stub("error-400-bad-parameter", 3, Req($"{path}?{badName}={badValue}"), Match(path, new JsonObject { [badName] = Eq(badValue) }));
        yield return new Stub("scenario-empty", 2, Req(path, headers: Headers((Scenarios.Header, "empty"))), Match(path, headers: new JsonObject { [Scenarios.Header] = Eq("empty") }));
        yield return new Stub("scenario-slow", 2, Req(path, headers: Headers((Scenarios.Header, "slow"))), Match(path, AllAbsent(), new JsonObject { [Scenarios.Header] = Eq("slow") }), 2000);
        yield return new Stub("default-page", 5, Req(path), Match(path, AllAbsent(), Required()));

        foreach (var (name, query) in ExplicitPages(api))
        {
            var conditions = AllAbsent([.. query.Keys]);
            foreach (var (k, v) in query) conditions[k] = Eq(v);
            var url = $"{path}?{string.Join('&', query.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"))}";
            yield return new Stub(name, 4, Req(url), Match(path, conditions, Required()));
        }
    }

    private static IEnumerable<Stub> ActionStubs(ApiDefinition api, string path, Func<string, byte[]?, Dictionary<string, string>?, StubRequest> req, Func<string, JsonObject?, JsonObject?, JsonArray?, JsonObject> match, JsonObject required)
    {
        var bodies = new (string Name, string Body)[]
        {
            ("start", """{"action":"start"}"""),
            ("stop", """{"action":"stop"}"""),
            ("restart", """{"action":"restart"}"""),
            ("scale", """{"action":"scale","parameters":{"replica":4}}"""),
            ("rollback", "{\"action\":\"rollback\",\"parameters\":{\"version\":\"" + ApiContracts.Fixtures.Generation.OrderedVersions.Semver(PackSize) + "\"}}"),
            ("error-400-rollback-unknown-version", """{"action":"rollback","parameters":{"version":"9.9.9"}}"""),
            ("error-400-scale-without-replica", """{"action":"scale","parameters":{}}"""),
        };
        foreach (var (name, body) in bodies)
        {
            var priority = name.StartsWith("error", StringComparison.Ordinal) ? 3 : 4;
            yield return new Stub(name, priority, req(path, Encoding.UTF8.GetBytes(body), null), match(path, null, required.DeepClone().AsObject(), [new JsonObject { ["equalToJson"] = body }]));
        }
    }

    private static byte[] Body(ApiDefinition api) => api.Request.Body is null ? [] : Encoding.UTF8.GetBytes("""{"action":"start"}""");


    // Explicit pages up to the end of the pack's dataset.
    private static IEnumerable<(string Name, Dictionary<string, string> Query)> ExplicitPages(ApiDefinition api)
    {
        var paging = api.Pagination!;
        var pages = (PackSize + PageSize - 1) / PageSize;
        for (var page = 0; page <= pages; page++)
        {
            var number = (page + 1).ToString(CultureInfo.InvariantCulture);
            var query = paging.PageAt(page * PageSize, PageSize, position => MarkerBefore(api, (int)position + 1));
            yield return ($"page-{number}", query.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        }
    }

    // The id of the last record before position `start` (EVS lists newest first, index order).
    private static string MarkerBefore(ApiDefinition api, int start)
    {
        var dataset = new ApiContracts.Fixtures.Generation.Dataset(api, api.Dataset.Parents[0], PackSeed, PackSize);
        return IndexCodec.Encode(dataset.Key, Math.Min(start, PackSize) - 1);
    }

    private static JsonObject Mapping(ApiDefinition api, Stub stub, StubResponse answer, string file, bool templated)
    {
        var response = new JsonObject
        {
            ["status"] = answer.Status,
            ["headers"] = new JsonObject { ["Content-Type"] = StubResponse.JsonContentType },
            ["bodyFileName"] = file,
        };
        if (stub.DelayMs > 0) response["fixedDelayMilliseconds"] = stub.DelayMs;
        if (templated) response["transformers"] = new JsonArray(ResponseTemplate.Transformer);
        return new JsonObject
        {
            ["id"] = new FieldRandom(Seed.Hash(api.Id, stub.Name)).Uuid(),
            ["name"] = $"{api.Id}: {stub.Name}",
            ["priority"] = stub.Priority,
            ["request"] = stub.Match,
            ["response"] = response,
            ["metadata"] = new JsonObject { ["generatedBy"] = "./generate.cmd (apicontracts generate)", ["api"] = api.Id },
        };
    }

    private static string Pretty(byte[] body) => CanonicalJson.Write(JsonNode.Parse(body));

    // The body with the representative base URL made a template; a templated body may hold no other
    // template syntax, which WireMock would try to render.
    private static (string Body, bool Templated) Templated(string body, string file)
    {
        if (!body.Contains(BaseUrl, StringComparison.Ordinal)) return (body, false);
        if (body.Contains("{{", StringComparison.Ordinal) || body.Contains("}}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file}: the body holds '{{{{' or '}}}}' besides its base URL, which response templating would render; the pack cannot be written");
        }

        return (body.Replace(BaseUrl, ResponseTemplate.BaseUrl, StringComparison.Ordinal), true);
    }

    private static string Readme(string provider, int count, ContractCatalog catalog)
    {
        var apis = string.Join(", ", catalog.Apis.Where(a => a.Provider == provider).Select(a => $"`{a.Id}`"));
        return $"""
            <!-- Generated by ./generate.cmd; do not edit. -->

            # WireMock stub pack: {provider}

            {count} stubs for {apis}, in WireMock's standard JSON format (`mappings/`, bodies in `__files/`).
            Data: seed {PackSeed}, {PackSize} records under each API's first known parent; explicit pages of {PageSize}.
            Next links are built from the request's base URL by WireMock's response templating
            (`{ResponseTemplate.BaseUrl}` in the body, `"transformers": ["{ResponseTemplate.Transformer}"]` in the mapping), so they point at
            whichever server answers. GET mappings ask for no `Content-Type` (see the definitions' assumptions).

            - WireMock (Java) 3.x: `java -jar wiremock-standalone.jar --root-dir fixtures/stubs/{provider} --enable-stub-cors`
            - WireMock Cloud: import the `mappings/` files.
            - ApiContracts: `apicontracts serve --pack fixtures/stubs/{provider}` (requests no stub matches fall
              through to the dynamic datasets).

            Priorities: 1 missing credential, 2 scenario headers, 3 errors, 4 explicit pages and actions, 5 default page.

            """;
    }
}
