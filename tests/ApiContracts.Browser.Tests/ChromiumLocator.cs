using System.Collections;
using System.Reflection;

namespace ApiContracts.Browser.Tests;

/// <summary>A Chromium to launch: the executable, where it came from, its flags and its environment.</summary>
/// <param name="Executable">The browser executable.</param>
/// <param name="Origin">Which route found it, for messages: <c>debian</c>, <c>fetched</c> or <c>path</c>.</param>
/// <param name="Args">Command-line flags.</param>
/// <param name="Environment">Variables added to the test process's environment for the browser.</param>
public sealed record ChromiumLaunch(string Executable, string Origin, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The browser's whole environment: the test process's, with <see cref="Environment"/> on top (Playwright replaces the environment when given one).</summary>
    public Dictionary<string, string> FullEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables()) result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        foreach (var (name, value) in Environment) result[name] = value;
        return result;
    }
}

/// <summary>
/// Finds the Chromium the browser tests drive: Debian's <c>/usr/bin/chromium</c> when present, otherwise
/// the headless Chromium the build unpacked from npm's <c>@sparticuz/chromium</c> (eng/Chromium.targets).
/// <c>APICONTRACTS_CHROMIUM</c> overrides the choice: <c>debian</c>, <c>fetched</c>, or a path to an executable.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>).</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The variable that overrides the choice.</summary>
    public const string Variable = "APICONTRACTS_CHROMIUM";

    private static readonly string[] CommonArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Where the build unpacked the fetched Chromium (from the assembly's metadata).</summary>
    public static string FetchedDir { get; } =
        typeof(ChromiumLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "FetchedChromiumDir")?.Value
        ?? Path.Combine(AppContext.BaseDirectory, "chromium-not-configured");

    /// <summary>The browser for this machine and environment.</summary>
    public static ChromiumLaunch Find() => Find(System.Environment.GetEnvironmentVariable(Variable), DebianPath, FetchedDir, File.Exists);

    /// <summary>The fetched browser, whatever the machine has: for the test that proves the fallback works.</summary>
    public static ChromiumLaunch Fetched() => Find("fetched", DebianPath, FetchedDir, File.Exists);

    /// <summary>The choice, given the override, both routes' locations and a file test.</summary>
    /// <exception cref="InvalidOperationException">When the chosen (or, without a choice, either) route has no browser; the message names both routes.</exception>
    public static ChromiumLaunch Find(string? choice, string debianPath, string fetchedDir, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        var fetched = Path.Combine(fetchedDir, "chromium");
        switch (string.IsNullOrWhiteSpace(choice) ? "auto" : choice.Trim())
        {
            case "auto":
                if (exists(debianPath)) return Debian(debianPath);
                if (exists(fetched)) return Fetched(fetchedDir, fetched);
                throw Missing($"Neither route has one here: {debianPath} is missing and so is {fetched}.", debianPath, fetched);
            case "debian":
                return exists(debianPath) ? Debian(debianPath) : throw Missing($"{Variable}=debian, but {debianPath} is missing.", debianPath, fetched);
            case "fetched":
                return exists(fetched) ? Fetched(fetchedDir, fetched) : throw Missing($"{Variable}=fetched, but {fetched} is missing.", debianPath, fetched);
            case var path when Path.IsPathFullyQualified(path):
                return exists(path)
                    ? new ChromiumLaunch(path, "path", CommonArgs, new Dictionary<string, string>())
                    : throw Missing($"{Variable}={path}, but that file is missing.", debianPath, fetched);
            case var other:
                throw new InvalidOperationException($"{Variable}='{other}': use debian, fetched, or the absolute path of a Chromium executable (unset: Debian's when present, else the fetched one).");
        }
    }

    private static ChromiumLaunch Debian(string path) => new(path, "debian", CommonArgs, new Dictionary<string, string>());

    // The fetched build links against NSS; the package's own copies (al2023.tar.br) go first on the library path,
    // and fontconfig reads the unpacked fonts (the package ships a small set).
    private static ChromiumLaunch Fetched(string dir, string executable)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var lib = Path.Combine(dir, "lib");
        if (Directory.Exists(lib))
        {
            var existing = System.Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            env["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(existing) ? lib : lib + Path.PathSeparator + existing;
        }

        var fonts = Path.Combine(dir, "fonts.conf");
        if (File.Exists(fonts)) env["FONTCONFIG_FILE"] = fonts;
        return new ChromiumLaunch(executable, "fetched", [.. CommonArgs, "--no-zygote"], env);
    }

    private static InvalidOperationException Missing(string what, string debianPath, string fetched) => new(
        $"No Chromium for the browser tests. {what} Either install Debian's Chromium (apt-get install chromium, which provides {debianPath}), "
        + $"or build the test project with Node.js and npm on PATH (dotnet build tests/ApiContracts.Browser.Tests): the build fetches npm's @sparticuz/chromium 153.0.0 "
        + $"(SHA-256 checked) and unpacks its headless Chromium to {fetched}; without npm, -p:ChromiumBrotli=<path to its bin/chromium.br> points at a local copy. "
        + $"{Variable}=debian|fetched|<path> picks one explicitly.");
}
