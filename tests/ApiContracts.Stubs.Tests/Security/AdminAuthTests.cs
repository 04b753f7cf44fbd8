using System.Net;
using System.Text.Json.Nodes;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Issue 10, point 2: with --token set, every admin change and every journal read needs the separate admin
/// credential; the journal hides credentials; CORS never allows credentials or admin routes; a foreign Host
/// (DNS rebinding) is refused.
/// </summary>
public sealed class AdminAuthTests : IDisposable
{
    private readonly TokenFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    public static TheoryData<string, string, string?> AdminCalls => new()
    {
        { "PUT", "/__stub/scenario", """{"default": "error-500"}""" },
        { "POST", "/__stub/reseed", """{"seed": 7}""" },
        { "PUT", "/__stub/faults", """{"rate": 1}""" },
        { "PUT", "/__stub/latency", """{"ms": 100}""" },
        { "POST", "/__stub/provider-states", """{"action": "setup", "state": "the provider fails", "params": {"instance_id": "11eddb33-140b-4e51-b1e2-6ec265373ca3"}}""" },
        { "POST", "/__stub/reset", null },
        { "GET", "/__stub/requests", null },
        { "DELETE", "/__stub/requests", null },
        { "GET", "/__stub/nothing", null },
        { "POST", "/__admin/mappings", """{"Request": {"Path": "/x"}, "Response": {"Body": "hi"}}""" },
        { "GET", "/__admin/mappings", null },
        { "GET", "/__admin/requests", null },
        { "PUT", "/__admin/settings", """{"MaxRequestLogCount": 5}""" },
        { "POST", "/__admin/reset", null },
        { "GET", "/__admin/health", null },
    };

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task AdminCall_WithoutTheAdminToken_Is401_AndChangesNothing(string method, string path, string? body)
    {
        var before = _stub.Server.Engine.Current;
        await _stub.Get(Snapshots); // something in the journal
        var none = await _stub.Send(method, path, body, admin: false);
        var apiToken = await _stub.Send(method, path, body, admin: false, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret", ["X-Auth-Token"] = "s3cret" });
        var wrong = await _stub.Send(method, path, body, admin: false, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + _stub.Server.AdminToken + "x" });

        foreach (var answer in new[] { none, apiToken, wrong })
        {
            Assert.Equal(401, answer.Status);
            Assert.Equal("STUB.AdminUnauthorized", (string?)answer.Body!["error"]!["code"]);
            Assert.DoesNotContain(_stub.Server.AdminToken, answer.Text, StringComparison.Ordinal);
        }

        Assert.Equal(before, _stub.Server.Engine.Current);
        Assert.Single(_stub.Server.Journal.Newest());
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
        Assert.Equal(200, (await _stub.Get(Snapshots, credential: false, headers: new Dictionary<string, string> { ["X-Auth-Token"] = "s3cret" })).Status);
    }

    [Theory]
    [InlineData("/__stub")]
    [InlineData("/__stub/parents")]
    [InlineData("/__stub/catalog")]
    [InlineData("/__stub/settings")]
    [InlineData("/__stub/scenarios")]
    [InlineData("/__stub/console/")]
    public async Task TheReadOnlyCatalogue_IsOpen(string path) =>
        Assert.Equal(200, (await _stub.Get(path, admin: false)).Status);

    [Fact]
    public async Task ProviderStates_AcceptTheAdminTokenInTheQuery_ForPactVerifiers()
    {
        var body = """{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "00000000-aaaa-4bbb-8ccc-000000000009", "size": 4}}""";
        var refused = await _stub.Send("POST", "/__stub/provider-states?admin_token=wrong-token", body, admin: false);
        var accepted = await _stub.Send("POST", "/__stub/provider-states?admin_token=" + _stub.Server.AdminToken, body, admin: false);
        var elsewhere = await _stub.Send("PUT", "/__stub/scenario?admin_token=" + _stub.Server.AdminToken, """{"default": "empty"}""", admin: false);

        Assert.Equal(401, refused.Status);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(401, elsewhere.Status); // the query form is for the provider-states URL only
    }

    [Fact]
    public async Task Journal_ShowsThatCredentialsWereSent_NeverTheirValues()
    {
        await _stub.Send("POST", "/__admin/mappings", """{"Request": {"Path": "/via-wiremock"}, "Response": {"Body": "hi"}}""");
        await _stub.Get(Snapshots, credential: false, headers: new Dictionary<string, string> { ["X-Auth-Token"] = "s3cret", ["Cookie"] = "session=abc123" });
        await _stub.Get(Dsw, credential: false, headers: new Dictionary<string, string> { ["Authorization"] = "acs s3cret:signature" });
        await _stub.Get("/via-wiremock", credential: false, headers: new Dictionary<string, string> { ["X-Auth-Token"] = "s3cret" });

        var ours = await _stub.Get("/__stub/requests");
        var theirs = await _stub.Get("/__admin/requests");
        var found = await _stub.Send("POST", "/__admin/requests/find", """{"Path": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "/via-wiremock"}]}}""");

        Assert.Equal(3, (int)ours.Body!["total"]!);
        foreach (var text in new[] { ours.Text, theirs.Text, found.Text })
        {
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
            Assert.Contains(JournalEntry.Redacted, text, StringComparison.Ordinal);
        }

        Assert.Equal(3, theirs.Body!.AsArray().Count);
        Assert.Equal(200, found.Status);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://evil.example")]
    public async Task Cors_NeverAllowsCredentials_AndNeverOpensAdminRoutes(string origin)
    {
        var api = await _stub.Get(Snapshots, headers: new Dictionary<string, string> { ["Origin"] = origin });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/__stub/scenario");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        var adminPreflight = await _stub.Client.SendAsync(preflight);
        var adminRead = await _stub.Get("/__stub/requests", headers: new Dictionary<string, string> { ["Origin"] = origin });

        Assert.Equal("*", api.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(api.Response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(403, (int)adminPreflight.StatusCode);
        Assert.False(adminPreflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(adminRead.Response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_WithNamedOrigins_AllowsOnlyThose()
    {
        using var named = new OriginFixture();
        var allowed = await named.Get(Evs, headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:3000" });
        var other = await named.Get(Evs, headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:3001" });
        var none = await named.Get(Evs, headers: new Dictionary<string, string> { ["Origin"] = "null" });

        Assert.Equal("http://localhost:3000", allowed.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(none.Response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8080")]
    [InlineData("localhost.evil.example")]
    public async Task ForeignHost_DnsRebinding_IsRefusedWith421_OnEveryRoute(string host)
    {
        foreach (var path in new[] { Snapshots, "/__stub/requests", "/__stub/console/", "/__admin/mappings" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "s3cret");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _stub.Server.AdminToken);
            var answer = await _stub.Client.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.MisdirectedRequest, answer.StatusCode);
            Assert.Contains("STUB.HostNotAllowed", text, StringComparison.Ordinal);
            Assert.False(answer.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task AllowedHostNames_AndLocalhost_AreServed()
    {
        using var named = new OriginFixture();
        foreach (var host in new[] { "localhost", "dev.internal", "127.0.0.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/__stub/parents");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await named.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task NoAdminAuth_OpensTheAdminEndpoints()
    {
        using var open = new OpenFixture();
        Assert.Equal(200, (await open.Send("PUT", "/__stub/scenario", """{"default": "empty"}""", admin: false)).Status);
        Assert.Equal("empty", open.Server.Engine.Settings.DefaultScenario);
    }

    private sealed class TokenFixture() : StubFixture(new StubSettings { Token = "s3cret" });

    private sealed class OriginFixture() : StubFixture(new StubServerOptions { Port = 0, CorsOrigins = ["http://localhost:3000"], AllowedHosts = ["dev.internal"] });

    private sealed class OpenFixture() : StubFixture(new StubServerOptions { Port = 0, NoAdminAuth = true });
}
