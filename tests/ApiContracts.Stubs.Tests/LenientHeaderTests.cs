using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests;

/// <summary>
/// Lenient where the real service is taken to be (the Content-Type assumption of the ServiceStage
/// definitions): a GET without Content-Type is answered, with X-Stub-Warning and a journal note; strict mode
/// (serve --strict, PUT /__stub/settings) answers the API's 400; the credential and a body's Content-Type are
/// never excused.
/// </summary>
public sealed class LenientHeaderTests : IDisposable
{
    private const string Warning = "missing documented header Content-Type";
    private readonly StubServer _server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    public static TheoryData<string, string, bool> ListApis() => new()
    {
        { "servicestage-instance-snapshots", Snapshots, true },
        { "servicestage-config-histories", Histories, true },
        { "evs-snapshots-detail", Evs, false }, // Content-Type is documented as optional there
        { "pai-dsw-instance-snapshots", Dsw, false }, // and not documented at all here
    };

    // A GET as axios or fetch send it: the credential, no body, no Content-Type.
    private async Task<HttpResponseMessage> Get(StubServer server, string url, string? contentType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + url);
        if (url.StartsWith("/api/", StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation("Authorization", "acs test:signature");
        else request.Headers.TryAddWithoutValidation("X-Auth-Token", "token-1");
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Admin(StubServer server, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, server.Url + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _client.SendAsync(request);
    }

    // The journal entry of the newest request to `url`; the stub journals a request just after answering it, so wait for it.
    private static async Task<JournalEntry> Journaled(StubServer server, string url)
    {
        for (var i = 0; i < 400; i++)
        {
            if (server.Journal.Newest().FirstOrDefault(e => e.Url == url) is { } entry) return entry;
            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"{url} never reached the journal");
    }

    private static string[] Warnings(HttpResponseMessage response) =>
        response.Headers.TryGetValues(StubResponse.WarningHeader, out var values) ? [.. values] : [];

    [Theory]
    [MemberData(nameof(ListApis))]
    public async Task GetWithoutContentType_IsAnswered_WarningOnlyWhereTheDocumentMakesItMandatory(string apiId, string url, bool mandatory)
    {
        using var response = await Get(_server, url);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var entry = await Journaled(_server, url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(Repo.Catalog.Validate(apiId, "response.200", body));
        Assert.Equal(mandatory ? [Warning] : [], Warnings(response));
        Assert.Equal(mandatory ? [Warning] : [], entry.Notes);
        Assert.Equal(mandatory, Repo.Catalog.Api(apiId).Request.Headers?.Fields.Any(f => f.Name == "Content-Type" && f.Mandatory) ?? false);
    }

    [Fact]
    public async Task GetWithContentType_HasNoWarning_AndTheSameBody()
    {
        using var without = await Get(_server, Snapshots + "?limit=3");
        using var with = await Get(_server, Snapshots + "?limit=3", "application/json");

        Assert.Equal(200, (int)with.StatusCode);
        Assert.Empty(Warnings(with));
        Assert.Equal(await with.Content.ReadAsStringAsync(), await without.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Leniency_NeverExcusesTheCredential_NorTheContentTypeOfABody()
    {
        using var noCredential = new HttpRequestMessage(HttpMethod.Get, _server.Url + Histories);
        using var unauthorized = await _client.SendAsync(noCredential);
        using var post = new HttpRequestMessage(HttpMethod.Post, _server.Url + ActionUrl) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"action": "start"}""")) };
        post.Headers.TryAddWithoutValidation("X-Auth-Token", "token-1");
        using var action = await _client.SendAsync(post);
        var actionBody = JsonNode.Parse(await action.Content.ReadAsStringAsync());

        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Empty(Warnings(unauthorized));
        Assert.Equal(400, (int)action.StatusCode);
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-action", "response.400", actionBody));
        Assert.Contains("header 'Content-Type' is required", (string)actionBody!["error_message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictSetting_AnswersTheApis400_AndSwitchesBack()
    {
        using var strict = await Admin(_server, HttpMethod.Put, "/__stub/settings", """{"strict": true}""");
        using var refused = await Get(_server, Snapshots);
        var refusedBody = JsonNode.Parse(await refused.Content.ReadAsStringAsync());
        using var settings = await _client.GetAsync(new Uri(_server.Url + "/__stub/settings"));
        using var lenient = await Admin(_server, HttpMethod.Put, "/__stub/settings", """{"strict": false}""");
        using var answered = await Get(_server, Snapshots);

        Assert.Equal(200, (int)strict.StatusCode);
        Assert.True((bool)JsonNode.Parse(await strict.Content.ReadAsStringAsync())!["strict"]!);
        Assert.True((bool)JsonNode.Parse(await settings.Content.ReadAsStringAsync())!["strict"]!);
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-snapshots", "response.400", refusedBody));
        Assert.Contains("header 'Content-Type' is required", (string)refusedBody!["error_message"]!, StringComparison.Ordinal);
        Assert.Empty(Warnings(refused));
        Assert.Equal(200, (int)lenient.StatusCode);
        Assert.Equal(200, (int)answered.StatusCode);
        Assert.Equal([Warning], Warnings(answered));
    }

    [Fact]
    public async Task StrictFromTheStart_SurvivesAReset_AndEvsStaysAnswered()
    {
        using var server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Settings = new StubSettings { Strict = true } });
        using var lenient = await Admin(server, HttpMethod.Put, "/__stub/settings", """{"strict": false}""");
        using var reset = await Admin(server, HttpMethod.Post, "/__stub/reset");
        using var refused = await Get(server, Histories);
        using var evs = await Get(server, Evs);

        Assert.False((bool)JsonNode.Parse(await lenient.Content.ReadAsStringAsync())!["strict"]!);
        Assert.Equal(200, (int)reset.StatusCode);
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Equal(200, (int)evs.StatusCode); // optional there: strict asks only for what the document makes mandatory
    }

    [Theory]
    [InlineData("""{"strict": "yes"}""", "'strict' must be true or false")]
    [InlineData("""{"strict": null}""", "'strict' must be true or false, not null")]
    [InlineData("""{}""", "give {\"strict\": true}")]
    [InlineData("""{"strict": true, "seed": 7}""", "'seed' cannot be set here")]
    public async Task SettingsPut_RefusesAnythingButStrict_NamingWhatWasWrong(string body, string words)
    {
        using var response = await Admin(_server, HttpMethod.Put, "/__stub/settings", body);
        var message = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(words, message, StringComparison.Ordinal);
        Assert.False(_server.Engine.Settings.Strict);
    }

    [Fact]
    public async Task SettingsPut_IsAnAdminEndpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, _server.Url + "/__stub/settings") { Content = new StringContent("""{"strict": true}""", Encoding.UTF8, "application/json") };
        using var response = await _client.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.False(_server.Engine.Settings.Strict);
    }

    [Fact]
    public async Task ThroughWireMock_TheDatasetAnswer_CarriesTheWarningAndTheNote()
    {
        // Any mapping besides ours sends every request through WireMock.Net's matcher and our callback.
        using var added = await Admin(_server, HttpMethod.Post, "/__admin/mappings", """{"Request": {"Path": {"Matchers": [{"Name": "ExactMatcher", "Pattern": "/elsewhere"}]}}, "Response": {"StatusCode": 204}}""");
        using var response = await Get(_server, Histories + "?limit=2");
        var entry = await Journaled(_server, Histories + "?limit=2");

        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([Warning], Warnings(response));
        Assert.Equal(JournalEntry.ViaWireMock, entry.Via);
        Assert.Equal([Warning], entry.Notes);
    }

    [Fact]
    public async Task WarningHeader_IsReadableByPagesOnAllowedOrigins_WithCredentials()
    {
        using var server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, CorsOrigins = ["http://localhost:3000"] });
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + Snapshots);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", "token-1");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:3000");
        using var response = await _client.SendAsync(request);

        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        // With credentials "*" exposes nothing; the header must be named.
        Assert.Contains(StubResponse.WarningHeader, response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal([Warning], Warnings(response));
    }
}
