using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs;

/// <summary>How <see cref="ApiStub.StartAsync"/> starts a stub; every member has a default that suits a test.</summary>
public sealed record ApiStubOptions
{
    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The address to listen on: loopback.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Seed, records per parent, latency, fault rate, credential, default scenario, strict headers.</summary>
    public StubSettings Settings { get; init; } = new();

    /// <summary>The definitions to serve; null (the default) serves the ones built into the package.</summary>
    public ContractCatalog? Catalog { get; init; }

    /// <summary>A folder of <c>&lt;id&gt;.yaml</c> definitions to serve instead of the built-in ones (ignored when <see cref="Catalog"/> is set).</summary>
    public string? Definitions { get; init; }

    /// <summary>A WireMock stub pack folder (<c>mappings/</c>, <c>__files/</c>) whose mappings win over the datasets.</summary>
    public string? Pack { get; init; }

    /// <summary>The admin token; a random one by default (<see cref="ApiStub.AdminToken"/>).</summary>
    public string? AdminToken { get; init; }
}

/// <summary>
/// The stub server in-process, for .NET tests: <c>await using var stub = await ApiStub.StartAsync();</c> then point
/// the client under test at <see cref="Url"/>. The admin calls a test needs are methods; each change goes through
/// the server's own admin endpoint, so it behaves exactly as the same call over HTTP does (a value the endpoint
/// refuses throws <see cref="ArgumentException"/> with its message; any other failure <see cref="HttpRequestException"/>),
/// and <see cref="RequestsAsync"/> reads the journal directly.
/// </summary>
public sealed class ApiStub : IAsyncDisposable
{
    private readonly StubServer _server;
    private readonly HttpClient _admin;

    private ApiStub(StubServer server)
    {
        _server = server;
        _admin = new HttpClient { BaseAddress = new Uri(server.Url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => _server.Url;

    /// <summary>The base URL as a <see cref="Uri"/>, for <see cref="HttpClient.BaseAddress"/>.</summary>
    public Uri BaseAddress => new(_server.Url);

    /// <summary>The admin token (sent as <c>Authorization: Bearer</c> by the admin methods here).</summary>
    public string AdminToken => _server.AdminToken;

    /// <summary>The definitions served.</summary>
    public ContractCatalog Catalog => _server.Engine.Catalog;

    /// <summary>The server underneath, for what the methods here do not cover.</summary>
    public StubServer Server => _server;

    /// <summary>Starts a stub on a free loopback port (unless <see cref="ApiStubOptions.Port"/> says otherwise).</summary>
    /// <exception cref="ArgumentException">When the options are invalid; lists every problem.</exception>
    /// <exception cref="DefinitionException">When <see cref="ApiStubOptions.Definitions"/> holds a malformed definition.</exception>
    public static Task<ApiStub> StartAsync(ApiStubOptions? options = null, CancellationToken cancel = default)
    {
        options ??= new ApiStubOptions();
        return Task.Run(
            () =>
            {
                // The definitions load while the HTTP host starts.
                ContractCatalog Catalog() => options.Catalog
                    ?? (options.Definitions is { } folder ? ContractCatalog.From(DefinitionLoader.LoadDirectory(folder)) : ContractCatalog.LoadBuiltIn());
                var server = StubServer.Start(Catalog, new StubServerOptions
                {
                    Host = options.Host,
                    Port = options.Port,
                    Settings = options.Settings,
                    Pack = options.Pack,
                    AdminToken = options.AdminToken ?? StubServerOptions.NewAdminToken(),
                });
                return new ApiStub(server);
            },
            cancel);
    }

    /// <summary>The URL of an API's list (or action) under one of its known parents (the first by default).</summary>
    /// <exception cref="KeyNotFoundException">When the API is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="parent"/> is not one of its known parents.</exception>
    public string UrlFor(string apiId, int parent = 0)
    {
        var api = Catalog.Api(apiId);
        ArgumentOutOfRangeException.ThrowIfNegative(parent);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parent, api.Dataset.Parents.Count);
        return Url + api.PathFor(api.Dataset.Parents[parent]);
    }

    /// <summary>The parents each API serves (its known ones and any a provider state set up), keyed by API id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>> ParentsAsync(CancellationToken cancel = default)
    {
        var body = (JsonObject)(await Send(HttpMethod.Get, "__stub/parents", null, cancel))!;
        return body.ToDictionary(
            api => api.Key,
            api => (IReadOnlyList<IReadOnlyDictionary<string, string>>)api.Value!.AsArray()
                .Select(p => (IReadOnlyDictionary<string, string>)p!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal))
                .ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>Sets the scenario of requests that name none (<c>empty</c>, <c>error-500</c>, <c>slow</c>, <c>not-found</c>, <c>unauthorized</c>), or clears it with null.</summary>
    public Task SetScenarioAsync(string? scenario, CancellationToken cancel = default) =>
        Send(HttpMethod.Put, "__stub/scenario", new JsonObject { ["default"] = scenario }, cancel);

    /// <summary>New data under the same rules: a new seed and, when given, a new size per parent.</summary>
    public Task ReseedAsync(ulong seed, long? size = null, CancellationToken cancel = default)
    {
        var body = new JsonObject { ["seed"] = seed };
        if (size is { } n) body["size"] = n;
        return Send(HttpMethod.Post, "__stub/reseed", body, cancel);
    }

    /// <summary>Delays every API answer by <paramref name="minMs"/> to <paramref name="maxMs"/> milliseconds (0 and 0 turn it off).</summary>
    public Task SetLatencyAsync(int minMs, int maxMs, CancellationToken cancel = default) =>
        Send(HttpMethod.Put, "__stub/latency", new JsonObject { ["min"] = minMs, ["max"] = maxMs }, cancel);

    /// <summary>Answers this share (0..1) of API requests with the API's own 500.</summary>
    public Task SetFaultRateAsync(double rate, CancellationToken cancel = default) =>
        Send(HttpMethod.Put, "__stub/faults", new JsonObject { ["rate"] = rate }, cancel);

    /// <summary>Whether a missing documented-mandatory header gets the API's 400 (true) or is let through with a warning (false, the default).</summary>
    public Task SetStrictAsync(bool strict, CancellationToken cancel = default) =>
        Send(HttpMethod.Put, "__stub/settings", new JsonObject { ["strict"] = strict }, cancel);

    /// <summary>The requests answered so far, newest first (the journal <c>GET /__stub/requests</c> shows).</summary>
    public Task<IReadOnlyList<JournalEntry>> RequestsAsync(CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<JournalEntry>>(_server.Journal.Newest().ToList());
    }

    /// <summary>Clears the journal.</summary>
    public Task ClearRequestsAsync(CancellationToken cancel = default) => Send(HttpMethod.Delete, "__stub/requests", null, cancel);

    /// <summary>Back to the start-up settings and parents, with an empty journal.</summary>
    public Task ResetAsync(CancellationToken cancel = default) => Send(HttpMethod.Post, "__stub/reset", null, cancel);

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonNode?> Send(HttpMethod method, string path, JsonNode? body, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _admin.SendAsync(request, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            // The stub's own message names the field and what is allowed.
            string message;
            try
            {
                message = JsonNode.Parse(text)?["error"]?["message"]?.ToString() ?? text;
            }
            catch (System.Text.Json.JsonException)
            {
                message = text;
            }

            var what = string.Create(CultureInfo.InvariantCulture, $"{method} /{path}: {(int)response.StatusCode} {message}");
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest) throw new ArgumentException(what);
            throw new HttpRequestException(what, null, response.StatusCode);
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
