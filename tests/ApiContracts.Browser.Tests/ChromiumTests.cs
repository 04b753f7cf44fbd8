using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;
using Microsoft.Playwright;

namespace ApiContracts.Browser.Tests;

public sealed class ChromiumLocatorTests
{
    private const string Debian = "/usr/bin/chromium";
    private const string Dir = "/repo/tests/ApiContracts.Browser.Tests/obj/chromium-153.0.0";
    private const string FetchedExe = Dir + "/chromium";

    private static ChromiumLaunch Find(string? choice, params string[] present) => ChromiumLocator.Find(choice, Debian, Dir, present.Contains);

    [Fact]
    public void Unset_PrefersDebiansChromium_WhenPresent()
    {
        var launch = Find(null, Debian, FetchedExe);

        Assert.Equal(("debian", Debian), (launch.Origin, launch.Executable));
        Assert.Empty(launch.Environment);
    }

    [Fact]
    public void Unset_FallsBackToTheFetchedChromium_WithItsFlags()
    {
        var launch = Find("", FetchedExe);

        Assert.Equal(("fetched", FetchedExe), (launch.Origin, launch.Executable));
        Assert.Contains("--no-sandbox", launch.Args);
        Assert.Contains("--disable-gpu", launch.Args);
        Assert.Contains("--no-zygote", launch.Args);
    }

    [Fact]
    public void Fetched_ForcesTheFetchedChromium_EvenWhenDebiansIsPresent()
    {
        Assert.Equal("fetched", Find("fetched", Debian, FetchedExe).Origin);
        Assert.Equal("debian", Find("debian", Debian, FetchedExe).Origin);
        Assert.Equal(("path", "/opt/chrome/chrome"), (Find("/opt/chrome/chrome", "/opt/chrome/chrome").Origin, Find("/opt/chrome/chrome", "/opt/chrome/chrome").Executable));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fetched")]
    [InlineData("debian")]
    public void NoBrowser_MessageNamesBothRoutes(string? choice)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Find(choice));

        Assert.Contains("apt-get install chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains(Debian, error.Message, StringComparison.Ordinal);
        Assert.Contains("@sparticuz/chromium 153.0.0", error.Message, StringComparison.Ordinal);
        Assert.Contains(FetchedExe, error.Message, StringComparison.Ordinal);
        Assert.Contains("npm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownChoice_SaysWhatIsAllowed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Find("firefox", Debian));

        Assert.Contains("APICONTRACTS_CHROMIUM='firefox': use debian, fetched, or the absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuild_UnpackedTheFetchedChromium_WithItsLibraries()
    {
        var launch = ChromiumLocator.Fetched();

        Assert.True(File.Exists(launch.Executable), launch.Executable);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(launch.Executable).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.Exists(Path.Combine(ChromiumLocator.FetchedDir, "lib", "libnss3.so")));
        Assert.StartsWith(Path.Combine(ChromiumLocator.FetchedDir, "lib"), launch.Environment["LD_LIBRARY_PATH"], StringComparison.Ordinal);
    }
}

/// <summary>The fallback route proven on every run, whichever browser the other classes use: the fetched Chromium drives the demo.</summary>
public sealed class FetchedChromiumTests : IAsyncLifetime
{
    private StubServer _stub = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.Launch(_playwright, ChromiumLocator.Fetched());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _stub.Dispose();
    }

    [Fact]
    public async Task FetchedChromium_RunsTheDemo()
    {
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout(15_000);

        await page.GotoAsync(_stub.Url + "/demo/");

        await Assertions.Expect(page.Locator("#snapshot-total")).ToHaveTextAsync("25");
        await Assertions.Expect(page.Locator("#snapshots tbody tr")).ToHaveCountAsync(10);
        Assert.StartsWith("153.", _browser.Version, StringComparison.Ordinal);
    }
}
