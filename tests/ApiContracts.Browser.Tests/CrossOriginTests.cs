using System.Text;
using Microsoft.Playwright;

namespace ApiContracts.Browser.Tests;

/// <summary>
/// Issue 10, point 2, and attack report 1, findings 1 and 2, in a real browser. The user has opened the console
/// through the banner's link (the admin token in the URL fragment, kept in that tab's sessionStorage). A page
/// served from another origin (another port of the same host, the same "site") then tries to switch the stub's
/// scenario, read its journal, post a mapping through a twice-encoded admin path, and get the token itself.
/// It gets nothing: the browser holds no credential for the stub that another page could make it send.
/// </summary>
public sealed class CrossOriginTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Attack = """
        <!doctype html><html><body><pre id="result"></pre><script>
        const stub = new URLSearchParams(location.search).get('stub');
        const results = {};
        async function attempt(name, run) {
          try { const r = await run(); results[name] = r.type === 'opaque' ? 'opaque' : `${r.status} ${await r.text()}`; }
          catch (e) { results[name] = 'blocked: ' + e.name; }
        }
        const mapping = JSON.stringify({ Request: { Path: '/pw', Methods: ['GET'] }, Response: { StatusCode: 200, Body: 'planted' } });
        (async () => {
          await attempt('scenarioJson', () => fetch(stub + '/__stub/scenario', { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{"default":"error-500"}' }));
          await attempt('scenarioSimple', () => fetch(stub + '/__stub/scenario', { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"default":"error-500"}' }));
          await attempt('scenarioNoCors', () => fetch(stub + '/__stub/scenario', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"default":"error-500"}' }));
          await attempt('reseedNoCors', () => fetch(stub + '/__stub/reseed', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"seed":99}' }));
          await attempt('journal', () => fetch(stub + '/__stub/requests', { credentials: 'include' }));
          await attempt('wiremockLog', () => fetch(stub + '/__admin/requests', { credentials: 'include' }));
          await attempt('twiceEncodedJson', () => fetch(stub + '/%255F_admin/mappings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: mapping }));
          await attempt('twiceEncodedNoCors', () => fetch(stub + '/%255F_admin/mappings', { method: 'POST', mode: 'no-cors', body: mapping }));
          await attempt('twiceEncodedRead', () => fetch(stub + '/%255F_admin/settings'));
          await attempt('consolePage', () => fetch(stub + '/__stub/console/', { credentials: 'include' }));
          await attempt('api', () => fetch(stub + '/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail', { headers: { 'X-Auth-Token': 't' } }));
          results.storage = String(sessionStorage.getItem('apicontracts-admin-token'));
          results.cookies = document.cookie;
          document.getElementById('result').textContent = JSON.stringify(results);
          document.title = 'done';
        })();
        </script></body></html>
        """;

    [Fact]
    public Task PageOnAnotherOrigin_CannotChangeTheScenario_ReadTheJournal_NorGetTheToken() => InBrowser(nameof(PageOnAnotherOrigin_CannotChangeTheScenario_ReadTheJournal_NorGetTheToken), async (context, page) =>
    {
        using var other = new PageServer(new Dictionary<string, (string, byte[])> { ["/"] = ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(Attack)) });
        using var admin = Fixture.AdminClient();
        await admin.DeleteAsync(new Uri(Url + "/__stub/requests"));
        var seedBefore = Fixture.Stub.Engine.Settings.Seed;
        var mappingsBefore = Fixture.Stub.WireMock.Mappings.Count();

        // The user opened the console through the banner's link: the token went from the fragment into the
        // tab's sessionStorage, and out of the address bar; the browser holds no cookie for the stub.
        await page.GotoAsync(Fixture.ConsoleUrl);
        await Assertions.Expect(page.Locator("#switches-fields")).ToBeEnabledAsync();
        Assert.DoesNotContain("admin_token", page.Url, StringComparison.Ordinal);
        Assert.Equal(Fixture.Stub.AdminToken, await page.EvaluateAsync<string>("() => sessionStorage.getItem('apicontracts-admin-token')"));
        Assert.Empty(await context.CookiesAsync());

        var attacker = await context.NewPageAsync();
        await attacker.GotoAsync($"{other.Url}/?stub={Uri.EscapeDataString(Url)}");
        await Assertions.Expect(attacker).ToHaveTitleAsync("done", new() { Timeout = 30_000 });
        var results = await attacker.Locator("#result").TextContentAsync();

        Assert.Null(Fixture.Stub.Engine.Settings.DefaultScenario);
        Assert.Equal(seedBefore, Fixture.Stub.Engine.Settings.Seed);
        Assert.Equal(mappingsBefore, Fixture.Stub.WireMock.Mappings.Count());
        Assert.Contains("\"journal\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"wiremockLog\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"scenarioJson\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"twiceEncodedJson\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"twiceEncodedRead\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"consolePage\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"storage\":\"null\"", results, StringComparison.Ordinal);
        Assert.Contains("\"cookies\":\"\"", results, StringComparison.Ordinal);
        Assert.DoesNotContain("\"requests\"", results, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Stub.AdminToken, results, StringComparison.Ordinal);
        Assert.Contains("\"api\":\"200 ", results, StringComparison.Ordinal); // the APIs themselves stay open to other origins
        Assert.Empty(await context.CookiesAsync());
        using var planted = new HttpClient();
        Assert.NotEqual("planted", await (await planted.GetAsync(new Uri(Url + "/pw"))).Content.ReadAsStringAsync());
    });

    [Fact]
    public Task ConsoleWithoutTheToken_AsksForIt_AndWorksOnceItIsPasted() => InBrowser(nameof(ConsoleWithoutTheToken_AsksForIt_AndWorksOnceItIsPasted), async (_, page) =>
    {
        await page.GotoAsync(Url + "/__stub/console/");
        await Assertions.Expect(page.Locator("#token-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#token-status")).ToContainTextAsync("admin token is missing or wrong");

        await page.GetByLabel("Admin token").FillAsync(Fixture.Stub.AdminToken);
        await page.ClickAsync("#use-token");
        await Assertions.Expect(page.Locator("#token-form")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#scenario", "empty");
        await page.ClickAsync("#apply-switches");
        await Assertions.Expect(page.Locator("#switches-status")).ToHaveTextAsync("Applied.");
        try
        {
            Assert.Equal("empty", Fixture.Stub.Engine.Settings.DefaultScenario);
        }
        finally
        {
            using var admin = Fixture.AdminClient();
            await admin.PutAsync(new Uri(Url + "/__stub/scenario"), new StringContent("{\"default\": null}"));
        }
    });
}
