using System.Text;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 2: the console page handed the admin token to anyone who asked for it (a cookie,
/// not port-scoped, so a page on another port of the host got a live token). Now nothing the server sends
/// carries the token: the console takes it from the URL fragment of the banner's link, or from the user.
/// </summary>
public sealed class ConsoleTokenTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Theory]
    [InlineData("/__stub/console/")]
    [InlineData("/__stub/console/index.html")]
    [InlineData("/__stub/console/console.js")]
    [InlineData("/__stub/console/console.css")]
    [InlineData("/__stub/console")]
    public async Task TheConsole_SendsNoCookie_AndNoToken(string path)
    {
        var answer = await _stub.Get(path, admin: false);

        Assert.False(answer.Response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(_stub.Server.AdminToken, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_stub.Server.AdminToken, answer.Response.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsole_OverHttp10WithoutHost_SendsNoCookie()
    {
        var (_, text) = await RawHttp.Send(_stub.Server.Url, Encoding.ASCII.GetBytes("GET /__stub/console/ HTTP/1.0\r\n\r\n"));

        Assert.Equal(200, HttpStatus(text));
        Assert.DoesNotContain("Set-Cookie", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_stub.Server.AdminToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsolePage_IsGuarded_AgainstFramingAndForeignScripts()
    {
        var page = await _stub.Get("/__stub/console/", admin: false);

        Assert.Equal("DENY", page.Response.Headers.GetValues("X-Frame-Options").Single());
        var policy = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("admin_token", page.Text + (await _stub.Get("/__stub/console/console.js", admin: false)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("same-origin", null)]
    [InlineData(null, null)]
    [InlineData("same-origin", "SELF")]
    public async Task TheOldCookie_OpensNothing_EvenFromTheSameOrigin(string? site, string? origin)
    {
        var headers = new Dictionary<string, string> { ["Cookie"] = "apicontracts-admin=" + _stub.Server.AdminToken };
        if (site is not null) headers["Sec-Fetch-Site"] = site;
        if (origin is not null) headers["Origin"] = _stub.Server.Url;

        var journal = await _stub.Get("/__stub/requests", admin: false, headers: headers);
        var scenario = await _stub.Send("PUT", "/__stub/scenario", """{"default": "empty"}""", admin: false, headers: headers);

        Assert.Equal(401, journal.Status);
        Assert.Equal(401, scenario.Status);
        Assert.Null(_stub.Server.Engine.Settings.DefaultScenario);
    }

    [Fact]
    public async Task TheBearerToken_StillOpensTheAdminEndpoints()
    {
        var answer = await _stub.Send("PUT", "/__stub/scenario", """{"default": "empty"}""", admin: false, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + _stub.Server.AdminToken });

        Assert.Equal(200, answer.Status);
        Assert.Equal("empty", _stub.Server.Engine.Settings.DefaultScenario);
    }

    private static int HttpStatus(string text) =>
        text.StartsWith("HTTP/1.", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
}
