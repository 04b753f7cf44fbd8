using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiContracts.Packaging.Tests;

/// <summary>The `apicontracts` .NET tool as a user installs it from a feed, run from a folder with nothing in it.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ToolTests(PackedFeed feed)
{
    private const string EvsList = "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail";

    // The tool packages are extracted into their own NuGet folder: nothing from another run or install is used.
    private Dictionary<string, string> Isolated(string name) => new() { ["NUGET_PACKAGES"] = feed.NewFolder(name + "-nuget") };

    // A folder whose nuget.config knows only the feed: no package of the same name elsewhere can be chosen.
    private string FeedOnlyFolder(string name)
    {
        var folder = feed.NewFolder(name);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="apicontracts" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        return folder;
    }

    [Fact]
    public async Task Tool_InstalledFromTheFeed_RunsEveryCommandFromAnEmptyFolder()
    {
        var tools = feed.NewFolder("tool-path");
        var installed = Shell.Ok("dotnet", ["tool", "install", "apicontracts", "--tool-path", tools, "--add-source", feed.Feed], FeedOnlyFolder("install"), Isolated("install"));
        Assert.Contains($"(version '{feed.Version}') was successfully installed", installed, StringComparison.Ordinal);
        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "apicontracts.exe" : "apicontracts");
        var empty = feed.NewFolder("empty");

        // list: the definitions the tool carries.
        var listed = Shell.Ok(tool, ["list"], empty);
        foreach (var id in new[] { "evs-snapshots-detail", "pai-dsw-instance-snapshots", "servicestage-config-histories", "servicestage-instance-action", "servicestage-instance-snapshots" })
        {
            Assert.Contains(id, listed, StringComparison.Ordinal);
        }

        // validate: a payload against a carried schema (one valid, one not).
        var payload = Path.Combine(empty, "history.json");
        await File.WriteAllTextAsync(payload, """{"limit": 500}""");
        var (invalidExit, invalid, _) = Shell.Run(tool, ["validate", "--api", "servicestage-config-histories", "--request", "query", payload], empty);
        Assert.Equal(1, invalidExit);
        Assert.Contains("/limit", invalid, StringComparison.Ordinal);
        await File.WriteAllTextAsync(payload, """{"limit": 5}""");
        Assert.Contains("valid:", Shell.Ok(tool, ["validate", "--api", "servicestage-config-histories", "--request", "query", payload], empty), StringComparison.Ordinal);

        // fixtures: CSV and SQLite (the SQLite native library comes with the tool).
        Shell.Ok(tool, ["fixtures", "--api", "servicestage-instance-snapshots", "--count", "5", "--format", "csv", "--out", "snapshots.csv"], empty);
        Assert.Equal(6, (await File.ReadAllLinesAsync(Path.Combine(empty, "snapshots.csv"))).Length);
        Shell.Ok(tool, ["fixtures", "--api", "evs-snapshots-detail", "--count", "5", "--format", "sqlite", "--out", "evs.db"], empty);
        Assert.True(new FileInfo(Path.Combine(empty, "evs.db")).Length > 0);

        // generate: refused without a project, nothing written.
        var (generateExit, _, generateError) = Shell.Run(tool, ["generate"], empty);
        Assert.Equal(2, generateExit);
        Assert.Contains("pass --root <dir>", generateError, StringComparison.Ordinal);

        // serve: answers an API request, stops on SIGTERM.
        using (var serve = Background(tool, ["serve", "--port", "0", "--size", "4"], empty))
        {
            var url = await ListeningUrl(serve);
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Add("X-Auth-Token", "t");
            var page = JsonNode.Parse(await client.GetStringAsync(new Uri(url + EvsList)))!;
            Assert.Equal(4, page["count"]!.GetValue<int>());

            // probe: the tool checks a provider (here the tool's own stub) against the definitions it carries.
            var probed = Shell.Ok(tool, ["probe", "--base-url", url, "--api", "evs-snapshots-detail", "--credential", "X-Auth-Token=t", "--max-requests", "200"], empty);
            Assert.Matches("probe: \\d+ checks: \\d+ passed, 0 failed", probed);
            Assert.Equal(0, await Stop(serve, "TERM"));
        }

        // mock: the Pact engine inside the tool package serves a pact and judges the requests.
        var pact = Path.Combine(empty, "pact.json");
        await File.WriteAllTextAsync(pact, """
            {"consumer": {"name": "web"}, "provider": {"name": "evs"}, "metadata": {"pactSpecification": {"version": "3.0.0"}},
             "interactions": [{"description": "a page", "request": {"method": "GET", "path": "/v2/p/cloudsnapshots/detail"},
                               "response": {"status": 200, "body": {"count": 2}}}]}
            """);
        using (var mock = Background(tool, ["mock", "--pact", pact], empty))
        {
            var url = await ListeningUrl(mock);
            using var client = new HttpClient();
            Assert.Equal("""{"count":2}""", await client.GetStringAsync(new Uri(url + "/v2/p/cloudsnapshots/detail")));
            Assert.Equal(0, await Stop(mock, "INT"));
            Assert.Contains("every expected request arrived", await mock.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(["evs.db", "history.json", "pact.json", "snapshots.csv"], Directory.GetFileSystemEntries(empty).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tool_FromAToolManifest_RunsWithDotnetToolRun()
    {
        var project = FeedOnlyFolder("manifest");
        var environment = Isolated("manifest");
        Shell.Ok("dotnet", ["new", "tool-manifest"], project, environment);
        Shell.Ok("dotnet", ["tool", "install", "apicontracts", "--add-source", feed.Feed], project, environment);

        var listed = Shell.Ok("dotnet", ["tool", "run", "apicontracts", "list"], project, environment);
        // .NET 10 writes the manifest beside the project (earlier SDKs under .config/).
        var manifest = File.ReadAllText(new[] { Path.Combine(project, "dotnet-tools.json"), Path.Combine(project, ".config", "dotnet-tools.json") }.First(File.Exists));

        Assert.Contains("servicestage-instance-snapshots", listed, StringComparison.Ordinal);
        Assert.Contains($"\"version\": \"{feed.Version}\"", manifest, StringComparison.Ordinal);
    }

    private static Running Background(string tool, string[] args, string folder) => new(Process.Start(Shell.Start(tool, args, folder))!);

    /// <summary>A started process, killed on dispose if it is still running (a failed assertion leaves no server behind).</summary>
    private sealed class Running(Process process) : IDisposable
    {
        public Process Process => process;

        public StreamReader StandardOutput => process.StandardOutput;

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    private static async Task<string> ListeningUrl(Running running)
    {
        var process = running.Process;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Regex.Match(line, "listening on (http://\\S+)") is { Success: true } m) return m.Groups[1].Value;
        }

        Assert.Fail("no 'listening on' line: " + await process.StandardError.ReadToEndAsync(timeout.Token));
        return string.Empty;
    }

    private static async Task<int> Stop(Running running, string signal)
    {
        var process = running.Process;
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}
