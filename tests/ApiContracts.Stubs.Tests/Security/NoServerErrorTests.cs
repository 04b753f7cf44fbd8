using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Issue 10, point 4: bad input never gets a 500 or an exception's details: the API's documented 400 on
/// API routes, a plain JSON 400/408/413 on admin routes, and the request is still in the journal.
/// </summary>
public sealed class NoServerErrorTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    private static void NoDetails(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"action":"\ud800"}""")]
    [InlineData("""{"action":"scale","parameters":{"replica":1},"\udfff":1}""")]
    [InlineData("""{"action":"rollback","parameters":{"version":"1.0.\ud83d"}}""")]
    public async Task ActionBody_WithAnUnpairedSurrogate_GetsTheApis400(string body)
    {
        var answer = await _stub.Send("POST", ActionUrl, body);

        ErrorAssert.IsDocumented("servicestage-instance-action", 400, answer);
        Assert.Contains("unpaired UTF-16 surrogate", answer.Text, StringComparison.Ordinal);
        NoDetails(answer.Text);
        Assert.Equal(400, _stub.Server.Journal.Newest()[0].Status);
    }

    [Fact]
    public async Task ActionBody_WithInvalidUtf8_GetsTheApis400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionUrl) { Content = new ByteArrayContent([.. "{\"action\":\""u8, 0xC3, 0x28, .. "\"}"u8]) };
        request.Headers.Add("X-Auth-Token", "t");
        request.Content.Headers.ContentType = new("application/json");
        var response = await _stub.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not valid UTF-8", text, StringComparison.Ordinal);
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-action", "response.400", JsonNode.Parse(text)));
    }

    [Theory]
    [InlineData("PUT", "/__stub/scenario", """{"default":"\ud800"}""")]
    [InlineData("POST", "/__stub/provider-states", """{"action":"\ud800"}""")]
    [InlineData("POST", "/__stub/provider-states", """{"action":"setup","params":{"instance_id":"\ud800"}}""")]
    [InlineData("POST", "/__stub/provider-states", """{"action":5}""")]
    [InlineData("PUT", "/__stub/scenario", """{"default":5}""")]
    [InlineData("POST", "/__admin/mappings", "this is not JSON")]
    [InlineData("POST", "/__admin/mappings", "")]
    [InlineData("POST", "/__admin/mappings", "null")]
    [InlineData("POST", "/__admin/mappings", """{"Request": "x", "Response": 5}""")]
    [InlineData("POST", "/__admin/mappings", """{"Request":{"Path":"\ud800"},"Response":{}}""")]
    [InlineData("PUT", "/__admin/settings", "[1, 2]")]
    [InlineData("PUT", "/__admin/settings", """{"Nonsense": true}""")]
    public async Task MalformedAdminBodies_GetAPlainJson400(string method, string path, string body)
    {
        var answer = await _stub.Send(method, path, body);

        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Body!["error"]!["message"]);
        NoDetails(answer.Text);
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
    }

    [Fact]
    public async Task MalformedChunkSize_GetsA400_AndIsJournaled()
    {
        var (status, text) = await RawHttp.Send(_stub.Server.Url, RawHttp.Ascii($"POST {ActionUrl} HTTP/1.1\nHost: 127.0.0.1\nX-Auth-Token: t\nContent-Type: application/json\nTransfer-Encoding: chunked\n\nZZZ\n{{}}\n0\n\n"));

        Assert.Equal(400, status);
        NoDetails(text);
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Url == ActionUrl && e.Status == 400 && e.Notes.Any(n => n.Contains("framing", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ContentLengthLargerThanTheBody_GetsA400_AndIsJournaled()
    {
        var (status, text) = await RawHttp.Send(_stub.Server.Url, RawHttp.Ascii($"POST {ActionUrl} HTTP/1.1\nHost: 127.0.0.1\nX-Auth-Token: t\nContent-Type: application/json\nContent-Length: 500\n\n{{\"action\":"), closeSend: true);

        Assert.True(status is 400 or 0, text); // the client has half-closed; an answer may still arrive
        NoDetails(text);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_stub.Server.Journal.Newest().Any(e => e.Url == ActionUrl)) await Task.Delay(50, wait.Token);
        Assert.Equal(400, _stub.Server.Journal.Newest().First(e => e.Url == ActionUrl).Status);
    }

    [Fact]
    public async Task MalformedChunkSize_OnAnAdminRoute_GetsAPlainJson400()
    {
        var (status, text) = await RawHttp.Send(_stub.Server.Url, RawHttp.Ascii($"PUT /__stub/scenario HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer {_stub.Server.AdminToken}\nContent-Type: application/json\nTransfer-Encoding: chunked\n\n-5\n{{}}\n0\n\n"));

        Assert.Equal(400, status);
        Assert.Contains("STUB.BadRequest", text, StringComparison.Ordinal);
        NoDetails(text);
    }

    [Fact]
    public async Task ABodyThatStopsArriving_GetsA408_AndIsJournaled()
    {
        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) ends the read.
        var (status, text) = await RawHttp.Send(_stub.Server.Url, RawHttp.Ascii($"POST {ActionUrl} HTTP/1.1\nHost: 127.0.0.1\nX-Auth-Token: t\nContent-Type: application/json\nContent-Length: 100000\n\n{{\"action\":"));

        Assert.True(status is 408 or 400, text);
        NoDetails(text);
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Url == ActionUrl && e.Status is 400 or 408);
    }
}
