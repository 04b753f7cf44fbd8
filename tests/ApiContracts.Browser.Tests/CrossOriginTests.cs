using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace ApiContracts.Browser.Tests;

/// <summary>
/// Issue 10, point 2, in a real browser: a page served from another origin (another port on the same
/// machine, so the same "site", the hardest case for cookies) tries to switch the stub's scenario and to
/// read its journal, after the user has opened the console (so the browser holds the admin cookie). Both fail.
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
        (async () => {
          await attempt('scenarioJson', () => fetch(stub + '/__stub/scenario', { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{"default":"error-500"}' }));
          await attempt('scenarioSimple', () => fetch(stub + '/__stub/scenario', { method: 'PUT', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"default":"error-500"}' }));
          await attempt('scenarioNoCors', () => fetch(stub + '/__stub/scenario', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"default":"error-500"}' }));
          await attempt('reseedNoCors', () => fetch(stub + '/__stub/reseed', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"seed":99}' }));
          await attempt('journal', () => fetch(stub + '/__stub/requests', { credentials: 'include' }));
          await attempt('wiremockLog', () => fetch(stub + '/__admin/requests', { credentials: 'include' }));
          await attempt('api', () => fetch(stub + '/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail', { headers: { 'X-Auth-Token': 't' } }));
          document.getElementById('result').textContent = JSON.stringify(results);
          document.title = 'done';
        })();
        </script></body></html>
        """;

    [Fact]
    public Task PageOnAnotherOrigin_CannotChangeTheScenario_NorReadTheJournal() => InBrowser(nameof(PageOnAnotherOrigin_CannotChangeTheScenario_NorReadTheJournal), async (context, page) =>
    {
        using var other = new PageServer(new Dictionary<string, (string, byte[])> { ["/"] = ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(Attack)) });
        using var admin = Fixture.AdminClient();
        await admin.DeleteAsync(new Uri(Url + "/__stub/requests"));
        var seedBefore = Fixture.Stub.Engine.Settings.Seed;

        // The user has the console open: the browser holds the admin cookie for the stub's host.
        await page.GotoAsync(Url + "/__stub/console/");
        Assert.Contains(await context.CookiesAsync([Url]), c => c.Name == "apicontracts-admin");

        await page.GotoAsync($"{other.Url}/?stub={Uri.EscapeDataString(Url)}");
        await Assertions.Expect(page).ToHaveTitleAsync("done", new() { Timeout = 30_000 });
        var results = await page.Locator("#result").TextContentAsync();

        Assert.Null(Fixture.Stub.Engine.Settings.DefaultScenario);
        Assert.Equal(seedBefore, Fixture.Stub.Engine.Settings.Seed);
        Assert.Contains("\"journal\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"wiremockLog\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.Contains("\"scenarioJson\":\"blocked: TypeError\"", results, StringComparison.Ordinal);
        Assert.DoesNotContain("\"requests\"", results, StringComparison.Ordinal);
        Assert.Contains("\"api\":\"200 ", results, StringComparison.Ordinal); // the APIs themselves stay open to other origins
    });
}
