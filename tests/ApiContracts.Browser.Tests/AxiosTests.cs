using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Core.Validation;
using ApiContracts.Stubs.Hosting;
using Microsoft.Playwright;

namespace ApiContracts.Browser.Tests;

/// <summary>The list APIs as axios calls them (the axios build the project pins), and what each answer must be.</summary>
internal static class AxiosCalls
{
    public const string Warning = "missing documented header Content-Type";

    /// <summary>The bundle, from npm axios (see the project file).</summary>
    public static string Bundle { get; } = Path.Combine(AppContext.BaseDirectory, "axios", "axios.min.js");

    /// <summary>Each list API under its first known parent, with its credential: <c>[{id, path, header, credential}]</c>.</summary>
    public static string Apis() => new JsonArray(Repo.Catalog.Apis.Where(a => a.Pagination is not null).Select(a => (JsonNode)new JsonObject
    {
        ["id"] = a.Id,
        ["path"] = a.PathFor(a.Dataset.Parents[0]),
        ["header"] = a.Auth.Header,
        ["credential"] = a.Auth.Scheme == "acs-signature" ? "acs axios:signature" : "axios-token",
    }).ToArray()).ToJsonString();

    /// <summary>
    /// Asserts each API answered 200 with its full dataset, the warning exactly where the definition makes
    /// Content-Type mandatory on a GET, and that no request carried a Content-Type.
    /// </summary>
    public static async Task AssertAnswered(IReadOnlyList<JsonNode> results, StubServer stub)
    {
        var lists = Repo.Catalog.Apis.Where(a => a.Pagination is not null).ToList();
        Assert.Equal(lists.Select(a => a.Id), results.Select(r => (string)r["id"]!));
        foreach (var (api, result) in lists.Zip(results))
        {
            var excused = api.Request.Headers?.Fields.Any(f => f.Mandatory && RequestChecks.Lenient(api, f)) ?? false;
            Assert.True((int?)result["status"] == 200, $"{api.Id}: {result.ToJsonString()}");
            Assert.Equal(25, (int?)result["total"]);
            Assert.Equal(excused ? Warning : null, (string?)result["warning"]);
        }

        // The stub journals a request just after answering it: wait until every call is listed.
        for (var i = 0; i < 400 && stub.Journal.Newest().Count(e => e.Status == 200) < lists.Count; i++) await Task.Delay(25);
        var entries = stub.Journal.Newest().Where(e => e.ApiId is not null).ToList();
        Assert.Equal(lists.Count, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain(e.RequestHeaders, h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(2, entries.Count(e => e.Notes.SequenceEqual([Warning])));
    }
}

/// <summary>
/// Issue 12, point 2, from a browser: a page on another origin (a front end's dev server) loads axios's browser
/// bundle and calls each list API of the stub, with the Content-Type an app typically configures for JSON.
/// axios drops it from a GET without a body; every answer is a 200, and the X-Stub-Warning header is readable
/// through CORS where the document makes Content-Type mandatory.
/// </summary>
public sealed class AxiosBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Page = """
        <!doctype html><html><head><title>axios</title><script src="/axios.min.js"></script></head><body><pre id="result"></pre><script>
        const params = new URLSearchParams(location.search);
        const apis = JSON.parse(params.get('apis'));
        // As an app configures its client: JSON everywhere.
        const client = axios.create({ baseURL: params.get('stub'), headers: { 'Content-Type': 'application/json' } });
        (async () => {
          const results = [];
          for (const api of apis) {
            try {
              const response = await client.get(api.path, { headers: { [api.header]: api.credential } });
              results.push({ id: api.id, status: response.status, warning: response.headers['x-stub-warning'] ?? null, total: response.data.count ?? response.data.TotalCount ?? null });
            } catch (error) {
              results.push({ id: api.id, status: error.response?.status ?? null, error: String(error) });
            }
          }
          document.getElementById('result').textContent = JSON.stringify(results);
          document.title = 'done';
        })();
        </script></body></html>
        """;

    [Fact]
    public Task AxiosGet_FromAPageOnAnotherOrigin_IsAnswered_AndTheWarningIsReadable() => InBrowser(nameof(AxiosGet_FromAPageOnAnotherOrigin_IsAnswered_AndTheWarningIsReadable), async (_, page) =>
    {
        Assert.True(File.Exists(AxiosCalls.Bundle), $"{AxiosCalls.Bundle} is missing: the build fetches it from npm (axios@1.21.1)");
        using var origin = new PageServer(new Dictionary<string, (string, byte[])>
        {
            ["/"] = ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(Page)),
            ["/axios.min.js"] = ("text/javascript", File.ReadAllBytes(AxiosCalls.Bundle)),
        });
        Fixture.Stub.Journal.Clear();

        await page.GotoAsync($"{origin.Url}/?stub={Uri.EscapeDataString(Url)}&apis={Uri.EscapeDataString(AxiosCalls.Apis())}");
        await Assertions.Expect(page).ToHaveTitleAsync("done", new() { Timeout = 30_000 });
        var results = JsonNode.Parse((await page.Locator("#result").TextContentAsync())!)!.AsArray();

        Assert.NotEqual(new Uri(origin.Url).Port, new Uri(Url).Port);
        await AxiosCalls.AssertAnswered([.. results.Select(r => r!)], Fixture.Stub);
    });
}

/// <summary>Issue 12, point 2, from Node: a script calls each list API with axios, setting no Content-Type on its GETs.</summary>
public sealed class AxiosNodeTests : IDisposable
{
    private readonly StubServer _stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task AxiosGet_FromNode_IsAnswered_WithTheWarning()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "axios", "list-apis.cjs");
        Assert.True(File.Exists(AxiosCalls.Bundle), $"{AxiosCalls.Bundle} is missing: the build fetches it from npm (axios@1.21.1)");
        var start = new ProcessStartInfo("node", [script, _stub.Url, AxiosCalls.Apis()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js ('node' on PATH, 18 or later) is needed to run the axios script", ex);
        }

        using (node)
        {
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await errors}");
            var results = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
            await AxiosCalls.AssertAnswered(results, _stub);
        }
    }
}
