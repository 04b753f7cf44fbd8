using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Routing;
using ApiContracts.Core.Validation;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Json;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Stubs.Engine;

/// <summary>
/// Answers API requests as the documents describe: routing, credentials, scenarios, validation in the
/// API's own error format, known parents, and pages of the virtual datasets. Pure of HTTP; the host
/// (fast path or WireMock.Net callback) turns its answer into a response.
/// </summary>
public sealed partial class StubEngine
{
    private const int MaxCachedAnswers = 4096;
    private const int MaxCachedBody = 256 * 1024;
    private const int MaxCacheKey = 4096;
    /// <summary>How every JSON body is written: compact, non-ASCII text as is.</summary>
    internal static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Dictionary<string, RecordGenerator> _generators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActionFixtures> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StubResponse> _answers = new(StringComparer.Ordinal);
    private readonly string[] _answerHeaders;

    // About how many answers are cached: ConcurrentDictionary.Count takes every lock, too slow for each miss.
    private int _answerCount;
    private VersionedSettings _settings;

    /// <summary>Prepares the engine for every API of <paramref name="catalog"/>.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid; lists every problem.</exception>
    public StubEngine(ContractCatalog catalog, StubSettings settings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        Catalog = catalog;
        Routes = new RouteTable(catalog.Apis);
        Parents = new ParentRegistry(catalog.Apis);
        foreach (var api in catalog.Apis)
        {
            if (RecordGenerator.ItemsField(api) is not null) _generators[api.Id] = new RecordGenerator(api);
            else if (api.Dataset.Source is not null) _actions[api.Id] = new ActionFixtures(api, catalog);
        }

        // The headers an answer can depend on: every API's credential and documented headers, and the scenario.
        _answerHeaders = catalog.Apis
            .SelectMany(a => (a.Request.Headers?.Fields.Select(f => f.Name) ?? []).Append(a.Auth.Header))
            .Append(Scenarios.Header)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        _settings = new VersionedSettings(Validated(settings), 0);
        Initial = _settings.Settings;
    }

    /// <summary>The definitions.</summary>
    public ContractCatalog Catalog { get; }

    /// <summary>The path templates.</summary>
    public RouteTable Routes { get; }

    /// <summary>The parents served.</summary>
    public ParentRegistry Parents { get; }

    /// <summary>The settings the engine started with (what a reset returns to).</summary>
    public StubSettings Initial { get; }

    /// <summary>The current settings. Setting them replaces them whole; use <see cref="Update"/> to change one part.</summary>
    public StubSettings Settings
    {
        get => Volatile.Read(ref _settings).Settings;
        set => Update(_ => value);
    }

    /// <summary>The current settings with their version (how many changes they have seen).</summary>
    public VersionedSettings Current => Volatile.Read(ref _settings);

    /// <summary>
    /// Changes the settings atomically: <paramref name="change"/> is applied to the current settings and the
    /// result swapped in only if nobody changed them meanwhile (else it is applied again to the newer ones),
    /// so two changes at once both land. Returns the settings this change produced, with their version.
    /// </summary>
    /// <exception cref="ArgumentException">When the changed settings are invalid; nothing changes then.</exception>
    public VersionedSettings Update(Func<StubSettings, StubSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = Volatile.Read(ref _settings);
            var next = new VersionedSettings(Validated(change(current.Settings)), current.Version + 1);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _settings, next, current), current)) return next;
        }
    }

    /// <summary>Answers <paramref name="request"/>.</summary>
    public StubResponse Handle(StubRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = CacheKey(request);
        if (key is not null && _answers.TryGetValue(key, out var cached)) return cached;
        var answer = Compute(request);
        if (key is not null && answer.Body.Length <= MaxCachedBody)
        {
            if (Volatile.Read(ref _answerCount) >= MaxCachedAnswers)
            {
                Interlocked.Exchange(ref _answerCount, 0);
                _answers.Clear();
            }

            if (_answers.TryAdd(key, answer)) Interlocked.Increment(ref _answerCount);
        }

        return answer;
    }

    // Everything an answer depends on: the request's method, path, query, base URL, the headers the
    // engine reads, the body, and the versions of the settings and the parents.
    private string? CacheKey(StubRequest request)
    {
        var key = string.Join(
            '\n',
            [
                request.Method,
                request.Path,
                request.RawQuery,
                request.BaseUrl,
                .. _answerHeaders.Select(request.Header),
                Volatile.Read(ref _settings).Version.ToString(CultureInfo.InvariantCulture),
                Parents.Version.ToString(CultureInfo.InvariantCulture),
                request.Body.Length == 0 ? string.Empty : Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(request.Body)),
            ]);
        return key.Length <= MaxCacheKey ? key : null;
    }

    private StubResponse Compute(StubRequest request)
    {
        var settings = Settings;
        var matches = Routes.Match(request.Path).ToList();
        if (matches.Count == 0) return UnknownPath(request);
        var match = matches.FirstOrDefault(m => string.Equals(m.Api.Operation.Method, request.Method, StringComparison.OrdinalIgnoreCase));
        if (match.Api is null)
        {
            var api = matches[0].Api;
            var allowed = string.Join(", ", matches.Select(m => m.Api.Operation.Method).Distinct());
            return Error(api, 404, $"{request.Method} is not an operation of {request.Path} (allowed: {allowed})", request);
        }

        return Answer(match.Api, match.Values, request, settings);
    }

    /// <summary>The 500 the fault switch answers with, in the format of the API the path belongs to.</summary>
    public StubResponse Fault(StubRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = Routes.Match(request.Path).Select(m => m.Api).FirstOrDefault() ?? Routes.Closest(request.Path);
        return api is null ? StubError(500, "STUB.Fault", "an injected fault") : Error(api, 500, "an injected fault (the stub's fault rate)", request);
    }

    /// <summary>A 400 for a request the host could not read (a malformed or late body), in the format of the API the path belongs to.</summary>
    public StubResponse BadRequest(StubRequest request, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = Routes.Match(request.Path).Select(m => m.Api).FirstOrDefault() ?? Routes.Closest(request.Path);
        return api is null ? StubError(400, "STUB.BadRequest", message) : Error(api, 400, message, request);
    }

    /// <summary>
    /// The scenario a request asks for, or an error for an unknown one: the <c>X-Stub-Scenario</c> header; else,
    /// under a parent a provider state set up, the state's (<c>error-500</c> for "the provider fails", else
    /// none); else the server's default.
    /// </summary>
    public (string? Scenario, string? Problem) ScenarioOf(StubRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var named = request.Header(Scenarios.Header);
        if (string.IsNullOrWhiteSpace(named)) return (DefaultScenario(request), null);
        named = named.Trim();
        return Scenarios.All.ContainsKey(named)
            ? (named, null)
            : (null, $"header '{Scenarios.Header}': '{named}' is not a scenario (allowed: {string.Join(", ", Scenarios.All.Keys)})");
    }

    // A provider state fully determines what its parent answers, so the server's default scenario does not reach it.
    private string? DefaultScenario(StubRequest request)
    {
        var fallback = Settings.DefaultScenario;
        foreach (var (api, values) in Routes.Match(request.Path))
        {
            if (!string.Equals(api.Operation.Method, request.Method, StringComparison.OrdinalIgnoreCase)) continue;
            return Parents.Find(api, values) is { FromState: true } parent ? (parent.Fails ? "error-500" : null) : fallback;
        }

        return fallback;
    }

    private StubResponse Answer(ApiDefinition api, Dictionary<string, string> pathValues, StubRequest request, StubSettings settings)
    {
        var (scenario, scenarioProblem) = ScenarioOf(request);
        if (scenarioProblem is not null) return Error(api, 400, scenarioProblem, request);
        if (scenario == "unauthorized") return Error(api, 401, $"the {api.Auth.Header} credential is not accepted (scenario 'unauthorized')", request);
        var credential = request.Header(api.Auth.Header);
        if (string.IsNullOrWhiteSpace(credential)) return Error(api, 401, $"the {api.Auth.Header} header is missing", request);
        if (settings.Token is not null && !string.Equals(credential.Trim(), settings.Token, StringComparison.Ordinal))
        {
            return Error(api, 401, $"the {api.Auth.Header} header holds a credential the stub does not accept", request);
        }

        if (scenario == "error-500") return Error(api, 500, "the service failed (scenario 'error-500')", request);
        if (scenario == "not-found") return Error(api, 404, "the resource does not exist (scenario 'not-found')", request);

        var headers = RequestChecks.CheckHeaders(api, request.Header, settings.Strict);
        var answer = Checked(api, pathValues, request, settings, scenario, headers.Problems);
        return headers.Excused.Count == 0 ? answer : answer with { Warnings = [.. headers.Excused.Select(MissingHeader)] };
    }

    /// <summary>The warning for a documented-mandatory header the stub let through.</summary>
    public static string MissingHeader(string name) => $"missing documented header {name}";

    // The answer once the credential and the scenario are settled and the headers checked.
    private StubResponse Checked(ApiDefinition api, Dictionary<string, string> pathValues, StubRequest request, StubSettings settings, string? scenario, List<string> problems)
    {
        var (query, queryProblems) = RequestChecks.Query(Catalog, api, request.Query);
        problems.AddRange(queryProblems);
        JsonNode? body = null;
        if (api.Request.Body is not null)
        {
            var (parsed, bodyProblem) = Body(api, request, settings);
            if (bodyProblem is not null) problems.Add(bodyProblem);
            body = parsed;
        }

        if (problems.Count > 0) return Error(api, 400, string.Join("; ", problems), request);

        var parent = Parents.Find(api, pathValues);
        if (parent is null)
        {
            return Error(api, 404, $"{api.Dataset.Parent} '{pathValues.GetValueOrDefault(api.Dataset.Parent)}' does not exist (known parents: GET /__stub/parents)", request);
        }

        var size = scenario == "empty" ? 0 : parent.Size ?? settings.Size;
        var dataset = new Dataset(api, parent.Values, settings.Seed, size) { Profile = settings.Profile };
        return _generators.TryGetValue(api.Id, out var generator)
            ? List(api, generator, dataset, parent.Records, query, request, settings)
            : Act(api, dataset, body!, request, settings);
    }

    private StubResponse List(ApiDefinition api, RecordGenerator generator, Dataset dataset, IReadOnlyDictionary<long, JsonObject> overrides, JsonObject query, StubRequest request, StubSettings settings)
    {
        var (window, problem) = Pager.Window(api, dataset, query);
        if (window is null) return Error(api, 400, problem!, request);
        var items = window.Indices.Select(i => (JsonNode)Record(generator, dataset, i, overrides)).ToList();
        var links = window.NextLimit is { } limit
            ? PageBuilder.NextLink(api, request.BaseUrl, request.Path, request.Query, limit, IndexCodec.Encode(dataset.Key, window.Indices[^1]))
            : null;

        var page = PageBuilder.Page(api, items, window.Total, links, RequestKey(request, settings));
        return Json(api, api.Operation.SuccessStatus, page);
    }

    // A record with the fields a provider state set on it (a null description, a failed status), in the definition's field order.
    private static JsonObject Record(RecordGenerator generator, Dataset dataset, long index, IReadOnlyDictionary<long, JsonObject> overrides)
    {
        var record = generator.Record(dataset, index);
        if (!overrides.TryGetValue(index, out var fields)) return record;
        foreach (var (name, value) in fields) record[name] = value?.DeepClone();
        var ordered = new JsonObject();
        foreach (var field in RecordGenerator.ItemsField(generator.Api)!.Items!.Fields!.Fields)
        {
            if (!record.TryGetPropertyValue(field.Name, out var value)) continue;
            record.Remove(field.Name);
            ordered[field.Name] = value;
        }

        return ordered;
    }

    private StubResponse Act(ApiDefinition api, Dataset dataset, JsonNode body, StubRequest request, StubSettings settings)
    {
        var fixtures = _actions[api.Id];
        if ((string?)body["action"] == "rollback" && (string?)body["parameters"]?["version"] is { } version)
        {
            var snapshots = fixtures.Snapshots(dataset);
            var ordinal = OrderedVersions.Ordinal(version);
            if (ordinal < 1 || ordinal > snapshots.Size)
            {
                var range = snapshots.Size == 0 ? "it has no snapshots" : $"its snapshots hold {OrderedVersions.Semver(1)} to {OrderedVersions.Semver(snapshots.Size)}";
                return Error(api, 400, $"body parameter 'parameters.version': '{version}' is not a version of instance {dataset.ParentId} ({range})", request);
            }
        }

        return Json(api, api.Operation.SuccessStatus, ActionFixtures.Job(RequestKey(request, settings)));
    }

    private (JsonNode? Body, string? Problem) Body(ApiDefinition api, StubRequest request, StubSettings settings)
    {
        if (request.Body.Length > settings.MaxBodyBytes)
        {
            return (null, $"the body is {request.Body.Length} bytes; the stub accepts at most {settings.MaxBodyBytes} bytes");
        }

        if (request.Body.Length == 0) return (null, "the body is empty; a JSON object is required");
        JsonNode? body;
        try
        {
            // The bytes as they came, by the rules `apicontracts validate` applies too: a BOM, invalid UTF-8 or an
            // escaped lone surrogate is refused here, rather than patched to U+FFFD or failing later.
            body = JsonInput.ParseUtf8(request.Body, "body");
        }
        catch (JsonInputException ex)
        {
            return (null, ex.Message);
        }

        var errors = Catalog.Validate(api.Id, "request.body", body);
        if (errors.Count == 0) return (body, null);
        return (null, string.Join("; ", errors.Select(e => $"body {(e.Pointer.Length == 0 ? "(root)" : e.Pointer)}: {e.Message}")));
    }

    private static ulong RequestKey(StubRequest request, StubSettings settings) =>
        Seed.Hash(settings.Seed.ToString(CultureInfo.InvariantCulture), request.Method, request.Path, request.QueryText(), Convert.ToHexString(request.Body));

    private StubResponse UnknownPath(StubRequest request)
    {
        var api = Routes.Closest(request.Path);
        var message = $"no API at {request.Method} {request.Path}; the stub serves: {string.Join(", ", Catalog.Apis.Select(a => $"{a.Operation.Method} {a.Operation.Path}"))}";
        return api is null ? StubError(404, "STUB.NotFound", message) : Error(api, 404, message, request);
    }

    /// <summary>The API's documented error body for <paramref name="status"/>.</summary>
    public StubResponse Error(ApiDefinition api, int status, string message, StubRequest request)
    {
        ArgumentNullException.ThrowIfNull(api);
        var requestId = new FieldRandom(RequestKey(request, Settings)).Uuid().ToUpperInvariant();
        return Json(api, status, ErrorBodies.Build(api, status, TextChecks.Scrub(message), requestId));
    }

    /// <summary>An error outside any API (unknown paths, admin endpoints), in an OpenStack-like shape.</summary>
    public static StubResponse StubError(int status, string code, string message) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = TextChecks.Scrub(message ?? string.Empty) } }, Compact), null);

    private static StubResponse Json(ApiDefinition api, int status, JsonNode body) => new(status, JsonSerializer.SerializeToUtf8Bytes(body, Compact), api.Id);

    private static StubSettings Validated(StubSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems();
        return problems.Count == 0 ? settings : throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(settings));
    }
}

/// <summary>Settings and their version: the number of changes made since the start.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Version">How many changes produced them.</param>
public sealed record VersionedSettings(StubSettings Settings, long Version);
