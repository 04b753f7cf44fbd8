using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>The stub's own admin endpoints under <c>/__stub/</c> (WireMock's stay under <c>/__admin</c>).</summary>
internal sealed partial class StubAdmin(StubServer server)
{
    private static readonly (string Method, string Path, string What)[] Endpoints =
    [
        ("GET", "/__stub/parents", "known parents, keyed by API id"),
        ("GET", "/__stub/catalog", "the definitions: operations, tables with constraints, assumptions, parents"),
        ("GET", "/__stub/fixtures", "?api=&parent=&count=&seed=&format=json|ndjson|csv&locale=en|zh_CN&profile=realistic|edge: download fixtures (at most 1000000)"),
        ("GET", "/__stub/settings", "seed, size, profile, latency, fault rate, default scenario, strict"),
        ("PUT", "/__stub/settings", "{\"strict\": true}: every documented-mandatory header enforced with the API's 400; false: a missing Content-Type on a request without a body is answered normally, with X-Stub-Warning"),
        ("PUT", "/__stub/latency", "{\"min\": 50, \"max\": 200} or {\"ms\": 100}: delay added to every API answer"),
        ("PUT", "/__stub/faults", "{\"rate\": 0.25}: share of API requests answered with the API's 500"),
        ("GET", "/__stub/scenarios", "the scenarios X-Stub-Scenario accepts, and the default"),
        ("GET", "/__stub/states", "the provider states /__stub/provider-states knows: name, what it sets up, parameters"),
        ("PUT", "/__stub/scenario", "{\"default\": \"slow\"} or {\"default\": null}: the scenario of requests that name none"),
        ("POST", "/__stub/reseed", "{\"seed\": 7, \"size\": 100, \"profile\": \"edge\"}: new data, same rules (each member optional)"),
        ("GET", "/__stub/requests", "the journal, newest first; ?method=, ?path= (substring), ?status=, ?limit="),
        ("DELETE", "/__stub/requests", "clear the journal"),
        ("POST", "/__stub/reset", "back to the start-up settings and parents; clears the journal"),
        ("POST", "/__stub/provider-states", "the Pact verifier's state-change call: {\"action\", \"state\", \"params\"}, or ?action=&state=&<param>= (--state-change-as-query)"),
        ("GET", "/__stub/provider-states", "?action=setup&state=...&<param>=...: the state-change call with everything in the query"),
    ];

    /// <summary>The endpoints anyone who reaches the server may call: read-only, showing no request and no credential.</summary>
    public static bool IsOpen(string method, string path)
    {
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) return false;
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return trimmed is "/__stub" or "/__stub/parents" or "/__stub/catalog" or "/__stub/settings" or "/__stub/scenarios" or "/__stub/states" or "/__stub/fixtures";
    }

    public async Task Handle(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? string.Empty).TrimEnd('/');
        var method = context.Request.Method.ToUpperInvariant();
        var route = Endpoints.Where(e => e.Path == path).ToList();
        if (path == "/__stub" && method == "GET")
        {
            await Write(context, 200, new JsonObject { ["endpoints"] = new JsonArray(Endpoints.Select(e => (JsonNode)$"{e.Method} {e.Path}: {e.What}").ToArray()) });
            return;
        }

        if (route.Count == 0)
        {
            await Write(context, StubEngine.StubError(404, "STUB.NotFound", $"no admin endpoint at {path} (GET /__stub lists them)"));
            return;
        }

        if (route.All(e => e.Method != method))
        {
            context.Response.Headers.Allow = string.Join(", ", route.Select(e => e.Method));
            await Write(context, StubEngine.StubError(405, "STUB.MethodNotAllowed", $"{method} {path} is not supported (allowed: {string.Join(", ", route.Select(e => e.Method))})"));
            return;
        }

        try
        {
            switch ((method, path))
            {
                case ("GET", "/__stub/fixtures"):
                    await Fixtures(context);
                    return;
                case ("GET", "/__stub/requests"):
                    await Requests(context);
                    return;
            }

            var (status, body) = await Dispatch(method, path, context);
            await Write(context, status, body);
        }
        catch (AdminBodyException ex)
        {
            await Write(context, StubEngine.StubError(ex.Status, ex.Status == 413 ? "STUB.TooLarge" : "STUB.BadRequest", ex.Message));
        }
        catch (Exception ex) when (ex is JsonInputException or FormatException or KeyNotFoundException
            || (ex is ArgumentException and not ArgumentNullException and not ArgumentOutOfRangeException))
        {
            // Our own validation messages: they name the field and what is allowed, never internals.
            await Write(context, StubEngine.StubError(400, "STUB.BadRequest", ApiContracts.Core.Errors.UserMessage.Of(ex)));
        }
    }

    private async Task<(int, JsonNode)> Dispatch(string method, string path, HttpContext context)
    {
        var engine = server.Engine;
        switch ((method, path))
        {
            case ("GET", "/__stub/parents"):
                var parents = new JsonObject();
                foreach (var (api, list) in engine.Parents.ByApi())
                {
                    parents[api] = new JsonArray(list.Select(p => (JsonNode)new JsonObject(p.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)))).ToArray());
                }

                return (200, parents);
            case ("GET", "/__stub/catalog"):
                return (200, Catalog());
            case ("GET", "/__stub/settings"):
                return (200, Settings(engine.Current));
            case ("PUT", "/__stub/settings"):
            {
                var body = await Body(context);
                if (body.Select(kv => kv.Key).FirstOrDefault(k => k != "strict") is { } other)
                {
                    throw new ArgumentException($"settings: '{other}' cannot be set here; give {{\"strict\": true|false}} (latency, faults, scenario and reseed have their own endpoints)");
                }

                if (!body.ContainsKey("strict")) throw new ArgumentException("settings: give {\"strict\": true} or {\"strict\": false}");
                var strict = body["strict"] is JsonValue v && v.TryGetValue<bool>(out var flag) ? flag
                    : throw new ArgumentException($"settings: 'strict' must be true or false, not {body["strict"]?.ToJsonString() ?? "null"}");
                return (200, Settings(engine.Update(s => s with { Strict = strict })));
            }

            case ("PUT", "/__stub/latency"):
            {
                var body = await Body(context);
                var latency = body["ms"] is { } ms
                    ? new Latency(Int(ms, "ms"), Int(ms, "ms"))
                    : new Latency(Int(body["min"], "min"), Int(body["max"], "max"));
                if (latency.Min < 0 || latency.Max < latency.Min || latency.Max > 600_000) throw new ArgumentException("latency: need 0 <= min <= max <= 600000 ms");
                return (200, Settings(engine.Update(s => s with { Latency = latency })));
            }

            case ("PUT", "/__stub/faults"):
            {
                var body = await Body(context);
                var rate = body["rate"] is JsonValue r && r.TryGetValue<double>(out var value) ? value : throw new ArgumentException("faults: give {\"rate\": <0..1>}");
                return (200, Settings(engine.Update(s => s with { FaultRate = rate })));
            }

            case ("GET", "/__stub/scenarios"):
                return (200, new JsonObject
                {
                    ["header"] = Scenarios.Header,
                    ["default"] = engine.Settings.DefaultScenario,
                    ["scenarios"] = new JsonObject(Scenarios.All.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                });
            case ("GET", "/__stub/states"):
                return (200, States());
            case ("PUT", "/__stub/scenario"):
            {
                var body = await Body(context);
                if (!body.ContainsKey("default")) throw new ArgumentException("scenario: give {\"default\": \"<scenario>\"} or {\"default\": null}");
                var scenario = body["default"] is null ? null
                    : body["default"] is JsonValue v && v.TryGetValue<string>(out var named) ? named
                    : throw new ArgumentException($"scenario: 'default' must be a scenario name or null, not {body["default"]!.ToJsonString()}");
                return (200, Settings(engine.Update(s => s with { DefaultScenario = scenario })));
            }

            case ("POST", "/__stub/reseed"):
            {
                var body = await Body(context);
                ulong? seed = body["seed"] is { } s ? WholeNumber<ulong>(s, "reseed: seed") : null;
                long? size = body["size"] is { } z ? WholeNumber<long>(z, "reseed: size") : null;
                var profile = body["profile"] is { } p ? Profile(p, "reseed: profile") : null;
                return (200, Settings(engine.Update(current => current with { Seed = seed ?? current.Seed, Size = size ?? current.Size, Profile = profile ?? current.Profile })));
            }

            case ("DELETE", "/__stub/requests"):
                server.Journal.Clear();
                return (200, new JsonObject { ["cleared"] = true });
            case ("POST", "/__stub/reset"):
            {
                var produced = engine.Update(_ => engine.Initial);
                engine.Parents.Reset();
                server.Journal.Clear();
                return (200, Settings(produced));
            }

            default:
                return (200, await ProviderState(context));
        }
    }

    // The journal, written entry by entry straight into the response: memory stays one entry's worth however big the journal is.
    private async Task Requests(HttpContext context)
    {
        var query = context.Request.Query;
        IEnumerable<JournalEntry> entries = server.Journal.Newest();
        if (query["method"].ToString() is { Length: > 0 } method) entries = entries.Where(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase));
        if (query["path"].ToString() is { Length: > 0 } path) entries = entries.Where(e => e.Url.Contains(path, StringComparison.Ordinal));
        if (int.TryParse(query["status"], CultureInfo.InvariantCulture, out var status)) entries = entries.Where(e => e.Status == status);
        var list = entries.ToList();
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, list.Count) : list.Count;
        context.Response.StatusCode = 200;
        context.Response.ContentType = StubResponse.JsonContentType;
        var cancel = context.RequestAborted;
        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = StubEngine.Compact.Encoder });
        writer.WriteStartObject();
        writer.WriteNumber("total", list.Count);
        writer.WriteNumber("recorded", server.Journal.Recorded);
        writer.WriteNumber("capacity", server.Journal.Capacity);
        writer.WriteStartArray("requests");
        for (var i = 0; i < limit; i++)
        {
            list[i].WriteTo(writer);
            if (writer.BytesPending > 32 * 1024) await writer.FlushAsync(cancel);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancel);
    }

    private static JsonObject Settings(VersionedSettings current)
    {
        var s = current.Settings;
        return new JsonObject
        {
            ["seed"] = s.Seed,
            ["size"] = s.Size,
            ["profile"] = s.Profile.Name,
            ["latency"] = new JsonObject { ["min"] = s.Latency.Min, ["max"] = s.Latency.Max },
            ["faultRate"] = s.FaultRate,
            ["defaultScenario"] = s.DefaultScenario,
            ["tokenRequired"] = s.Token is not null,
            ["slowMs"] = s.SlowMilliseconds,
            ["maxBodyBytes"] = s.MaxBodyBytes,
            ["strict"] = s.Strict,
            ["version"] = current.Version,
        };
    }

    /// <summary>The most bytes an admin body under <c>/__stub</c> may have; larger ones get 413.</summary>
    internal const int MaxAdminBodyBytes = 64 * 1024;

    private static async Task<JsonObject> Body(HttpContext context)
    {
        var bytes = await AdminBody.Read(context, MaxAdminBodyBytes);
        var (text, problem) = TextChecks.Decode(bytes, "the body");
        if (text is null) throw new AdminBodyException(400, problem!);
        if (text.Trim().Length == 0) return [];
        if (TextChecks.UnpairedEscape(text) is { } where) throw new AdminBodyException(400, $"the body escapes an unpaired UTF-16 surrogate (such as \\ud800) at {where}, which is not text");
        var parsed = JsonInput.Parse(text, "body");
        return parsed as JsonObject ?? throw new ArgumentException("the body must be a JSON object");
    }

    /// <summary>
    /// A whole number from a JSON number or from a numeric string (Pact provider-state parameters are often
    /// strings); anything else is a 400 naming <paramref name="what"/> and the value given.
    /// </summary>
    internal static T WholeNumber<T>(JsonNode? node, string what)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        if (node is JsonValue v && (v.TryGetValue<T>(out var number)
            || (v.TryGetValue<string>(out var text) && T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))))
        {
            return number;
        }

        var given = node is JsonValue g && g.TryGetValue<string>(out var word) ? $"'{word}'" : node?.ToJsonString() ?? "null";
        throw new ArgumentException($"{what} {given}: must be a whole number {T.MinValue}..{T.MaxValue}");
    }

    /// <summary>A fixture profile by name; anything else is a 400 naming <paramref name="what"/> and the allowed names.</summary>
    internal static ApiContracts.Fixtures.Generation.FixtureProfile Profile(JsonNode? node, string what)
    {
        var name = node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        return ApiContracts.Fixtures.Generation.FixtureProfile.All.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"{what} {(name is null ? node?.ToJsonString() ?? "null" : $"'{name}'")}: use {ApiContracts.Fixtures.Generation.FixtureProfile.Names}");
    }

    private static int Int(JsonNode? node, string name) =>
        node is JsonValue v && v.TryGetValue<int>(out var value) ? value : throw new ArgumentException($"'{name}' must be a whole number of milliseconds");

    private static Task Write(HttpContext context, int status, JsonNode body) =>
        Write(context, new StubResponse(status, JsonSerializer.SerializeToUtf8Bytes(body, StubEngine.Compact), null));

    private static async Task Write(HttpContext context, StubResponse answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = StubResponse.JsonContentType;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
