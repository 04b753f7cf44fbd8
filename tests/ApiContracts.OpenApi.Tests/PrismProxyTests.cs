using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;
using Xunit.Abstractions;

namespace ApiContracts.OpenApi.Tests;

/// <summary>The stub server in-process on a free port, and one Prism proxy per document in front of it.</summary>
public sealed class PrismProxyFixture : IAsyncLifetime
{
    private readonly Dictionary<(string Provider, string Version), PrismProcess> _proxies = [];

    public StubServer Stub { get; } = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal PrismProcess this[string provider, string version] => _proxies[(provider, version)];

    public async Task InitializeAsync()
    {
        // Prism proxy without --errors: every request is forwarded and the violations it finds come
        // back in the sl-violations header, for requests and responses alike.
        try
        {
            foreach (var (key, server) in await PrismProcess.StartAll((provider, version) => ["proxy", Documents.PathOf(provider, version), Stub.Url])) _proxies[key] = server;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        foreach (var proxy in _proxies.Values) proxy.Dispose();
        Client.Dispose();
        Stub.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Prism proxy in front of apicontracts serve, driven over every operation: no answer of the stub may
/// violate the documents, and no request the documents allow may be flagged. A request the documents
/// forbid must be flagged on the request side (the documents say what the stub enforces).
/// </summary>
public sealed class PrismProxyTests(PrismProxyFixture fixture, ITestOutputHelper output) : IClassFixture<PrismProxyFixture>
{
    [Theory]
    [MemberData(nameof(Documents.All), MemberType = typeof(Documents))]
    public async Task Proxy_ScriptedRun_FindsNoViolation(string provider, string version)
    {
        var proxy = fixture[provider, version];
        var problems = new List<string>();
        var calls = 0;
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Provider == provider))
        {
            var bodies = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var call in ProxyScript.For(api, await RollbackVersion()))
            {
                var target = call.Target ?? ProxyScript.NextLink(api, bodies.GetValueOrDefault(call.Follows!));
                if (target is null)
                {
                    problems.Add($"{api.Id} {call.Name}: '{call.Follows}' answered no next link");
                    continue;
                }

                var (status, violations, body) = await Send(proxy, api, call with { Target = target });
                bodies[call.Name] = body;
                calls++;
                var line = $"{api.Id} {call.Method} {target} [{call.Name}] -> {status}{(violations.Count > 0 ? " " + string.Join("; ", violations.Select(v => v.ToJsonString())) : "")}";
                output.WriteLine(line);
                var responseSide = violations.Where(v => v["location"]?[0]?.GetValue<string>() == "response").ToList();
                var requestSide = violations.Where(v => v["location"]?[0]?.GetValue<string>() == "request").ToList();
                if (responseSide.Count > 0) problems.Add($"response violation: {line}");
                if (call.Allowed && requestSide.Count > 0) problems.Add($"request the documents allow was flagged: {line}");
                if (!call.Allowed && requestSide.Count == 0) problems.Add($"request the documents forbid was not flagged: {line}");
                if (status >= 500 && call.Scenario != "error-500") problems.Add($"unexpected server error: {line}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in {calls} calls:\n{string.Join("\n", problems)}\n--- prism log (tail)\n{Tail(proxy.Log)}");
        Assert.True(calls >= 20, $"only {calls} calls");
    }

    [Fact]
    public async Task Proxy_AnswerThatBreaksTheDocument_IsReported()
    {
        // The canary for the run above: an upstream that answers a wrong body and an undocumented status
        // must be flagged, or "no violation" would prove nothing.
        using var upstream = WireMock.Server.WireMockServer.Start();
        upstream.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/v2/p1/cloudsnapshots/detail"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"count":"three","snapshots":[]}"""));
        upstream.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/v2/p2/cloudsnapshots/detail"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(418).WithHeader("Content-Type", "application/json").WithBody("{}"));
        using var proxy = await PrismProcess.Start("proxy", Documents.PathOf("evs", "3.0"), upstream.Url!);
        var api = Repo.Catalog.Api("evs-snapshots-detail");

        var (_, wrongBody, _) = await Send(proxy, api, new ScriptedCall("wrong body", "GET", "/v2/p1/cloudsnapshots/detail", null, true, true));
        var (_, wrongStatus, _) = await Send(proxy, api, new ScriptedCall("wrong status", "GET", "/v2/p2/cloudsnapshots/detail", null, true, true));

        Assert.Contains(wrongBody, v => v["location"]![0]!.GetValue<string>() == "response" && v.ToJsonString().Contains("count", StringComparison.Ordinal));
        Assert.Contains(wrongStatus, v => v["location"]![0]!.GetValue<string>() == "response");
    }

    private async Task<(int Status, List<JsonNode> Violations, JsonNode? Body)> Send(PrismProcess proxy, Core.Definitions.ApiDefinition api, ScriptedCall call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(proxy.Url, call.Target));
        if (call.Credential) request.Headers.TryAddWithoutValidation(api.Auth.Header, Documents.Credential(api));
        if (call.Scenario is not null) request.Headers.TryAddWithoutValidation("X-Stub-Scenario", call.Scenario);
        if (call.ContentType is not null || call.Body is not null) request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(call.Body ?? string.Empty));
        request.Content?.Headers.ContentType = call.ContentType is null ? null : MediaTypeHeaderValue.Parse(call.ContentType);
        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var violations = response.Headers.TryGetValues("sl-violations", out var values)
            ? values.SelectMany(v => JsonNode.Parse(v)!.AsArray()).Select(v => v!).ToList()
            : [];
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return ((int)response.StatusCode, violations, body);
    }

    // A version the parent instance's snapshots hold, asked of the stub directly.
    private async Task<string> RollbackVersion()
    {
        var snapshots = Repo.Catalog.Api("servicestage-instance-snapshots");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(fixture.Stub.Url), Documents.ParentPath(snapshots)));
        request.Headers.TryAddWithoutValidation(snapshots.Auth.Header, Documents.Credential(snapshots));
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?["snapshots"]?[0]?["version"]?.GetValue<string>() ?? throw new InvalidOperationException($"no snapshot version in {text}");
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;
}
