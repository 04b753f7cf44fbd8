using System.Text;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 12: with requests going through WireMock (a mapping loaded), an HTTP/1.0 request
/// without Host, an empty Host and a port out of range made WireMock build an invalid URL: 500 and no journal
/// entry. Now the Host is checked first: missing on HTTP/1.0, the bound address stands in; otherwise a 400,
/// journaled, before WireMock runs.
/// </summary>
public sealed class HostHeaderTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public HostHeaderTests()
    {
        _stub.Send("POST", "/__admin/mappings", """{"Request":{"Path":"/through-wiremock"},"Response":{"Body":"x"}}""").GetAwaiter().GetResult();
    }

    public void Dispose() => _stub.Dispose();

    private Task<(int Status, string Text)> Raw(string request) => RawHttp.Send(_stub.Server.Url, Encoding.ASCII.GetBytes(request.ReplaceLineEndings("\r\n")));

    private static int Status(string text) =>
        text.StartsWith("HTTP/1.", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;

    [Fact]
    public async Task Http10WithoutHost_IsAnswered_AsIfItNamedTheBoundAddress()
    {
        var (_, text) = await Raw($"GET {Evs} HTTP/1.0\nX-Auth-Token: t\n\n");

        Assert.Equal(200, Status(text));
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Url == Evs && e.Status == 200);
    }

    [Theory]
    [InlineData("Host: \n", "the Host header is empty")]
    [InlineData("Host: localhost:99999\n", "port '99999' is not a port")]
    [InlineData("Host: 127.0.0.1:65536\n", "port '65536' is not a port")]
    [InlineData("Host: 127.0.0.1:0\n", "port '0' is not a port")]
    [InlineData("Host: [::1]:70000\n", "port '70000' is not a port")]
    public async Task AnEmptyHostOrAPortOutOfRange_Gets400_AndIsJournaled(string host, string words)
    {
        var (_, text) = await Raw($"GET {Evs}?marker=host-check HTTP/1.1\n{host}X-Auth-Token: t\nConnection: close\n\n");

        Assert.Equal(400, Status(text));
        Assert.Contains(words, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InternalError", text, StringComparison.Ordinal);
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Url.Contains("marker=host-check", StringComparison.Ordinal) && e.Status == 400);
    }

    [Theory]
    [InlineData("Host: 127.0.0.1:99999\n")]
    [InlineData("Host: \n")]
    public async Task TheSameHosts_OnAnAdminRoute_Get400_NotA500(string host)
    {
        var (_, text) = await Raw($"GET /__admin/settings HTTP/1.1\n{host}Authorization: Bearer {_stub.Server.AdminToken}\nConnection: close\n\n");

        Assert.Equal(400, Status(text));
        Assert.DoesNotContain("MaxRequestLogCount", text, StringComparison.Ordinal);
    }
}
