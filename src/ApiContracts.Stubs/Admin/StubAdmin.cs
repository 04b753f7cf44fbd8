using System.Globalization;
using System.Text;
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
        ("GET", "/__stub/fixtures", "?api=&parent=&count=&seed=&format=json|ndjson|csv&locale=en|zh_CN: download fixtures (at most 1000000)"),
        ("GET", "/__stub/settings", "seed, size, latency, fault rate, default scenario"),
        ("PUT", "/__stub/latency", "{\"min\": 50, \"max\": 200} or {\"ms\": 100}: delay added to every API answer"),
        ("PUT", "/__stub/faults", "{\"rate\": 0.25}: share of API requests answered with the API's 500"),
        ("GET", "/__stub/scenarios", "the scenarios X-Stub-Scenario accepts, and the default"),
        ("PUT", "/__stub/scenario", "{\"default\": \"slow\"} or {\"default\": null}: the scenario of requests that name none"),
        ("POST", "/__stub/reseed", "{\"seed\": 7, \"size\": 100}: new data, same rules"),
        ("GET", "/__stub/requests", "the journal, newest first; ?method=, ?path= (substring), ?status=, ?limit="),
        ("DELETE", "/__stub/requests", "clear the journal"),
        ("POST", "/__stub/reset", "back to the start-up settings and parents; clears the journal"),
        ("POST", "/__stub/provider-states", "the Pact verifier's state-change call: {\"action\", \"state\", \"params\"}"),
    ];

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
            if (path == "/__stub/fixtures")
            {
                await Fixtures(context);
                return;
            }

            var (status, body) = await Dispatch(method, path, context);
            await Write(context, status, body);
        }
        catch (Exception ex) when (ex is JsonInputException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            await Write(context, StubEngine.StubError(400, "STUB.BadRequest", ex.Message));
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
                return (200, Settings(engine.Settings));
            case ("PUT", "/__stub/latency"):
            {
                var body = await Body(context);
                var latency = body["ms"] is { } ms
                    ? new Latency(Int(ms, "ms"), Int(ms, "ms"))
                    : new Latency(Int(body["min"], "min"), Int(body["max"], "max"));
                if (latency.Min < 0 || latency.Max < latency.Min || latency.Max > 600_000) throw new ArgumentException("latency: need 0 <= min <= max <= 600000 ms");
                engine.Settings = engine.Settings with { Latency = latency };
                return (200, Settings(engine.Settings));
            }

            case ("PUT", "/__stub/faults"):
            {
                var body = await Body(context);
                var rate = body["rate"] is JsonValue r && r.TryGetValue<double>(out var value) ? value : throw new ArgumentException("faults: give {\"rate\": <0..1>}");
                engine.Settings = engine.Settings with { FaultRate = rate };
                return (200, Settings(engine.Settings));
            }

            case ("GET", "/__stub/scenarios"):
                return (200, new JsonObject
                {
                    ["header"] = Scenarios.Header,
                    ["default"] = engine.Settings.DefaultScenario,
                    ["scenarios"] = new JsonObject(Scenarios.All.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                });
            case ("PUT", "/__stub/scenario"):
            {
                var body = await Body(context);
                if (!body.ContainsKey("default")) throw new ArgumentException("scenario: give {\"default\": \"<scenario>\"} or {\"default\": null}");
                engine.Settings = engine.Settings with { DefaultScenario = (string?)body["default"] };
                return (200, Settings(engine.Settings));
            }

            case ("POST", "/__stub/reseed"):
            {
                var body = await Body(context);
                var settings = engine.Settings;
                if (body["seed"] is { } seed) settings = settings with { Seed = WholeNumber<ulong>(seed, "reseed: seed") };
                if (body["size"] is { } size) settings = settings with { Size = WholeNumber<long>(size, "reseed: size") };
                engine.Settings = settings;
                return (200, Settings(engine.Settings));
            }

            case ("GET", "/__stub/requests"):
                return (200, Requests(context.Request.Query));
            case ("DELETE", "/__stub/requests"):
                server.Journal.Clear();
                return (200, new JsonObject { ["cleared"] = true });
            case ("POST", "/__stub/reset"):
                engine.Settings = engine.Initial;
                engine.Parents.Reset();
                server.Journal.Clear();
                return (200, Settings(engine.Settings));
            default:
                return (200, ProviderState(await Body(context)));
        }
    }

    // The Pact verifier posts {"action": "setup"|"teardown", "state": "...", "params": {...}} around each interaction.
    private JsonObject ProviderState(JsonObject body)
    {
        var engine = server.Engine;
        var action = (string?)body["action"] ?? "setup";
        var state = (string?)body["state"] ?? string.Empty;
        if (action == "teardown")
        {
            engine.Parents.Reset();
            engine.Settings = engine.Settings with { DefaultScenario = engine.Initial.DefaultScenario };
            return new JsonObject { ["action"] = action, ["state"] = state };
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
                    if (size < 0) throw new ArgumentException($"provider-states: size {size} must be 0 or more");
                    break;
                case "scenario":
                    scenario = value?.ToString();
                    break;
                default:
                    values[name] = value is JsonValue s && s.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? string.Empty;
                    break;
            }
        }

        var touched = values.Count > 0 ? engine.Parents.Set(values, size) : [];
        if (scenario is not null) engine.Settings = engine.Settings with { DefaultScenario = scenario };
        return new JsonObject { ["action"] = action, ["state"] = state, ["apis"] = new JsonArray(touched.Select(t => (JsonNode)t).ToArray()) };
    }

    private JsonObject Requests(IQueryCollection query)
    {
        IEnumerable<Hosting.JournalEntry> entries = server.Journal.Newest();
        if (query["method"].ToString() is { Length: > 0 } method) entries = entries.Where(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase));
        if (query["path"].ToString() is { Length: > 0 } path) entries = entries.Where(e => e.Url.Contains(path, StringComparison.Ordinal));
        if (int.TryParse(query["status"], CultureInfo.InvariantCulture, out var status)) entries = entries.Where(e => e.Status == status);
        var list = entries.ToList();
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : list.Count;
        return new JsonObject
        {
            ["total"] = list.Count,
            ["recorded"] = server.Journal.Recorded,
            ["capacity"] = server.Journal.Capacity,
            ["requests"] = new JsonArray(list.Take(limit).Select(e => (JsonNode)e.ToJson()).ToArray()),
        };
    }

    private static JsonObject Settings(StubSettings s) => new()
    {
        ["seed"] = s.Seed,
        ["size"] = s.Size,
        ["latency"] = new JsonObject { ["min"] = s.Latency.Min, ["max"] = s.Latency.Max },
        ["faultRate"] = s.FaultRate,
        ["defaultScenario"] = s.DefaultScenario,
        ["tokenRequired"] = s.Token is not null,
        ["slowMs"] = s.SlowMilliseconds,
        ["maxBodyBytes"] = s.MaxBodyBytes,
    };

    private static async Task<JsonObject> Body(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[64 * 1024 + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > 64 * 1024) throw new ArgumentException("admin bodies are at most 64 KB");
        var text = new string(buffer, 0, read);
        if (text.Trim().Length == 0) return [];
        return JsonInput.Parse(text, "body") as JsonObject ?? throw new ArgumentException("the body must be a JSON object");
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
