using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;
using Microsoft.Playwright;

namespace ApiContracts.Browser.Tests;

/// <summary>One Chromium (see <see cref="ChromiumLocator"/>) and one stub server on a free port, per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public StubServer Stub { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The browser driven, and which route found it.</summary>
    public ChromiumLaunch Chromium { get; private set; } = null!;

    /// <summary>Where failing tests leave a screenshot and a Playwright trace (CI keeps the folder).</summary>
    public static string Artifacts { get; } = Path.Combine(Repo.Root, "artifacts", "playwright");

    public async Task InitializeAsync()
    {
        Chromium = ChromiumLocator.Find();
        Stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Launch(Playwright, Chromium);
    }

    /// <summary>Starts <paramref name="chromium"/> headless with its flags and environment.</summary>
    public static Task<IBrowser> Launch(IPlaywright playwright, ChromiumLaunch chromium)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        ArgumentNullException.ThrowIfNull(chromium);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium.Executable,
            Headless = true,
            Args = chromium.Args,
            Env = chromium.Environment.Count == 0 ? null : chromium.FullEnvironment(),
        });
    }

    /// <summary>The console link the server's banner prints: the admin token in the URL fragment, which the browser never sends.</summary>
    public string ConsoleUrl => $"{Stub.Url}/__stub/console/#admin_token={Stub.AdminToken}";

    /// <summary>A client that sends the stub's admin token, for the tests' own admin calls.</summary>
    public HttpClient AdminClient()
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Stub.AdminToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Stub.Dispose();
    }
}

/// <summary>Runs a browser test in a fresh context with tracing; on failure saves a screenshot and the trace.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected string Url => Fixture.Stub.Url;

    protected async Task InBrowser(string name, Func<IBrowserContext, IPage, Task> test)
    {
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1300, Height = 1000 } });
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        try
        {
            await test(context, page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            Directory.CreateDirectory(BrowserFixture.Artifacts);
            foreach (var open in context.Pages)
            {
                await open.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{context.Pages.ToList().IndexOf(open)}.png"), FullPage = true });
            }

            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}.trace.zip") });
            throw;
        }
    }
}
