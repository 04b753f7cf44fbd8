using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ApiContracts.Browser.Tests;

public sealed class DemoTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    [Fact]
    public void TheBrowserDriven_IsTheOneTheLocatorNamed()
    {
        output.WriteLine($"browser: {Fixture.Chromium.Origin} {Fixture.Chromium.Executable}, Chromium {Fixture.Browser.Version}");

        // The fetched package is Chromium 153.0.8010; Debian's is newer. The version tells which binary really runs.
        Assert.Equal(Fixture.Chromium.Origin == "fetched", Fixture.Browser.Version.StartsWith("153.0.8010.", StringComparison.Ordinal));
        Assert.Equal(ChromiumLocator.Find().Executable, Fixture.Chromium.Executable);
    }

    private async Task Put(string path, object body)
    {
        using var client = Fixture.AdminClient();
        (await client.PutAsJsonAsync(new Uri(Url + path), body)).EnsureSuccessStatusCode();
    }

    // The version column, asserted with Playwright's retrying list match: a page's rows arrive after its number
    // changes (the demo shows the number at once and the rows when the answer comes), so wait for the rows themselves.
    private static Task ExpectVersions(IPage page, params string[] versions) =>
        Assertions.Expect(page.Locator("#snapshots tbody tr td:first-child")).ToHaveTextAsync(versions);

    // A page of five snapshots, newest first, whose newest is the snapshot `newest` counted from the oldest (1).
    private static Task ExpectPage(IPage page, int newest) =>
        ExpectVersions(page, [.. Enumerable.Range(newest - 4, 5).Reverse().Select(n => ApiContracts.Fixtures.Generation.OrderedVersions.Semver(n))]);

    // The first journaled request body matching: the stub journals a request before it sends the answer, so
    // the page's answer means the entry is there.
    private async Task<JsonNode> JournalBody(string query, Func<JsonNode, bool> wanted)
    {
        using var client = Fixture.AdminClient();
        var journal = JsonNode.Parse(await client.GetStringAsync(new Uri(Url + query)))!;
        var found = journal["requests"]!.AsArray().Select(e => JsonNode.Parse((string)e!["requestBody"]!)!).FirstOrDefault(wanted);
        Assert.True(found is not null, $"no journaled request at {query} matched: {journal.ToJsonString()}");
        return found;
    }

    [Fact]
    public Task Paging_ForwardAndBack_ShowsTheRightRecordsAndTotal() => InBrowser(nameof(Paging_ForwardAndBack_ShowsTheRightRecordsAndTotal), async (_, page) =>
    {
        await page.GotoAsync(Url + "/demo/");
        await page.SelectOptionAsync("#page-size", "5");
        await Assertions.Expect(page.Locator("#snapshot-total")).ToHaveTextAsync("25");
        await ExpectPage(page, 25);

        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#snapshot-page")).ToHaveTextAsync("2");
        await ExpectPage(page, 20);
        await page.ClickAsync("#next");
        await page.ClickAsync("#next");
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#snapshot-page")).ToHaveTextAsync("5");
        await ExpectPage(page, 5);
        await Assertions.Expect(page.Locator("#next")).ToBeDisabledAsync();

        await page.ClickAsync("#prev");
        await Assertions.Expect(page.Locator("#snapshot-page")).ToHaveTextAsync("4");
        await ExpectPage(page, 10);
        await page.SelectOptionAsync("#order", "asc");
        await Assertions.Expect(page.Locator("#snapshots tbody tr td:first-child").First).ToHaveTextAsync("1.0.0");
    });

    [Fact]
    public Task EvsList_FollowsNextLinks_ToTheEnd() => InBrowser(nameof(EvsList_FollowsNextLinks_ToTheEnd), async (_, page) =>
    {
        await page.GotoAsync(Url + "/demo/");
        await Assertions.Expect(page.Locator("#evs li")).ToHaveCountAsync(5);
        for (var expected = 10; expected <= 25; expected += 5)
        {
            await page.ClickAsync("#evs-more");
            await Assertions.Expect(page.Locator("#evs li")).ToHaveCountAsync(expected);
        }

        await Assertions.Expect(page.Locator("#evs-more")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#evs-total")).ToHaveTextAsync("25");
    });

    [Fact]
    public Task ScenarioSwitchedFromTheConsole_ShowsTheErrorBanner_ThenRecovers() => InBrowser(nameof(ScenarioSwitchedFromTheConsole_ShowsTheErrorBanner_ThenRecovers), async (context, demo) =>
    {
        await demo.GotoAsync(Url + "/demo/");
        await Assertions.Expect(demo.Locator("#snapshots tbody tr")).ToHaveCountAsync(10);
        var console = await context.NewPageAsync();
        await console.GotoAsync(Fixture.ConsoleUrl);
        await console.SelectOptionAsync("#scenario", "error-500");
        await console.ClickAsync("#apply-switches");
        await Assertions.Expect(console.Locator("#switches-status")).ToHaveTextAsync("Applied.");

        await demo.ClickAsync("#refresh");
        await Assertions.Expect(demo.Locator("#error-banner")).ToBeVisibleAsync();
        await Assertions.Expect(demo.Locator("#error-banner")).ToContainTextAsync("Request failed (500)");

        await console.SelectOptionAsync("#scenario", "");
        await console.ClickAsync("#apply-switches");
        await Assertions.Expect(console.Locator("#server-settings")).ToContainTextAsync("default scenario none");
        await demo.ClickAsync("#refresh");
        await Assertions.Expect(demo.Locator("#error-banner")).ToBeHiddenAsync();
        await Assertions.Expect(demo.Locator("#snapshots tbody tr")).ToHaveCountAsync(10);
    });

    [Fact]
    public Task Scale_ReachesTheServerWithTheRightBody_AndAnUnknownRollbackShowsTheApiError() => InBrowser(nameof(Scale_ReachesTheServerWithTheRightBody_AndAnUnknownRollbackShowsTheApiError), async (_, page) =>
    {
        await page.GotoAsync(Url + "/demo/");
        await page.FillAsync("#replica", "7");
        await page.ClickAsync("#scale");
        await Assertions.Expect(page.Locator("#job")).ToContainTextAsync("Started job JOB");

        var posted = await JournalBody("/__stub/requests?method=POST&path=/action", b => (string?)b["action"] == "scale");
        Assert.Equal(7, (int)posted["parameters"]!["replica"]!);

        await page.FillAsync("#rollback-version", "9.9.9");
        await page.ClickAsync("#rollback");
        await Assertions.Expect(page.Locator("#error-banner")).ToContainTextAsync("Request failed (400)");
        await Assertions.Expect(page.Locator("#error-banner")).ToContainTextAsync("'9.9.9' is not a version of instance");

        await page.FillAsync("#rollback-version", ApiContracts.Fixtures.Generation.OrderedVersions.Semver(20));
        await page.ClickAsync("#rollback");
        await Assertions.Expect(page.Locator("#error-banner")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#job")).ToContainTextAsync("Started job JOB");
    });

    [Fact]
    public Task WithLatencyOn_TheDemoShowsItsLoadingState() => InBrowser(nameof(WithLatencyOn_TheDemoShowsItsLoadingState), async (_, page) =>
    {
        await page.GotoAsync(Url + "/demo/");
        await Assertions.Expect(page.Locator("#loading")).ToBeHiddenAsync();
        // The loading state lasts as long as the answer is delayed: a long delay gives a loaded machine time to see it.
        await Put("/__stub/latency", new { min = 3000, max = 3000 });
        try
        {
            await page.ClickAsync("#refresh");
            await Assertions.Expect(page.Locator("#loading")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#loading")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        }
        finally
        {
            await Put("/__stub/latency", new { ms = 0 });
        }
    });

    [Fact]
    public Task FixtureDownloadedFromTheConsole_ValidatesAgainstItsSchema() => InBrowser(nameof(FixtureDownloadedFromTheConsole_ValidatesAgainstItsSchema), async (_, page) =>
    {
        await page.GotoAsync(Fixture.ConsoleUrl);
        await page.SelectOptionAsync("#export-api", "pai-dsw-instance-snapshots");
        await page.FillAsync("#export-count", "40");
        await page.FillAsync("#export-seed", "9");
        await page.SelectOptionAsync("#export-format", "json");
        await page.SelectOptionAsync("#export-profile", "edge");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-download"));
        var file = Path.Combine(Path.GetTempPath(), $"apicontracts-download-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(file);
        try
        {
            var records = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray();
            var api = Repo.Catalog.Api("pai-dsw-instance-snapshots");
            var page2 = new JsonObject
            {
                ["RequestId"] = "E7D55162-4489-1619-AAF5-3F97D5FCA948", ["Success"] = true, ["Message"] = "", ["Code"] = null, ["HttpStatusCode"] = 200,
                ["TotalCount"] = records.Count, ["Snapshots"] = records.DeepClone(),
            };
            Assert.Equal(40, records.Count);
            Assert.Contains(records, r => ((string)r!["SnapshotName"]!).Length == 4096);
            Assert.Equal("pai-dsw-instance-snapshots.json", download.SuggestedFilename);
            Assert.Empty(Repo.Catalog.Validate(api.Id, "response.200", page2));
        }
        finally
        {
            File.Delete(file);
        }
    });

    [Fact]
    public Task ConsoleJournal_KeepsTheFocusedRow_WhenNewRequestsArrive() => InBrowser(nameof(ConsoleJournal_KeepsTheFocusedRow_WhenNewRequestsArrive), async (_, page) =>
    {
        using var client = Fixture.AdminClient();
        client.DefaultRequestHeaders.Add("X-Auth-Token", "t");
        var evs = Url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail?limit=1&marker=";
        await client.GetAsync(new Uri(evs + "first-probe"));
        await page.GotoAsync(Fixture.ConsoleUrl);
        var first = page.Locator("#journal tbody tr", new() { HasText = "marker=first-probe" });
        await first.FocusAsync();
        await Assertions.Expect(first).ToBeFocusedAsync();

        // A new request changes the journal: the next poll rebuilds the rows, and the reader keeps their place.
        await client.GetAsync(new Uri(evs + "second-probe"));
        await Assertions.Expect(page.Locator("#journal tbody tr", new() { HasText = "marker=second-probe" })).ToHaveCountAsync(1);
        await Assertions.Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#journal-body")).ToContainTextAsync("'first-probe' names no snapshot");
    });

    [Fact]
    public Task Console_ShowsTheCatalogueAndTheJournal_WithKeyboardAccess() => InBrowser(nameof(Console_ShowsTheCatalogueAndTheJournal_WithKeyboardAccess), async (_, page) =>
    {
        using var client = Fixture.AdminClient();
        client.DefaultRequestHeaders.Add("X-Auth-Token", "t");
        await client.GetAsync(new Uri(Url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail?limit=2&marker=bogus"));
        await page.GotoAsync(Fixture.ConsoleUrl);
        await Assertions.Expect(page.Locator("#catalogue")).ToContainTextAsync("servicestage-config-histories");
        await Assertions.Expect(page.Locator("#catalogue")).ToContainTextAsync("A1 (/request/query/limit)");
        await Assertions.Expect(page.Locator("#journal tbody tr", new() { HasText = "marker=bogus" })).ToHaveCountAsync(1);

        // The journal polls every second; the row must still hold the focus when Enter arrives (it did not
        // while every poll rebuilt the rows: the Enter then went to the page and the placeholder stayed).
        var row = page.Locator("#journal tbody tr", new() { HasText = "marker=bogus" });
        await row.FocusAsync();
        await Assertions.Expect(row).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#journal-body")).ToContainTextAsync("names no snapshot");
        await Assertions.Expect(page.GetByLabel("Default scenario")).ToBeVisibleAsync();
    });
}
