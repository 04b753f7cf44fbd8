using System.Diagnostics;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary>Which definitions a command reads: --root, an apicontracts.json, or the ones built into the tool.</summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-workspace-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ApicontractsJson_NamesTheDefinitionsFolder_AndGenerateWritesBesideIt()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "api-definitions"));
        File.Copy(Path.Combine(Repo.Root, "contracts", "apis", "evs-snapshots-detail.yaml"), Path.Combine(_folder, "api-definitions", "evs-snapshots-detail.yaml"));
        File.WriteAllText(Path.Combine(_folder, "apicontracts.json"), """{"definitions": "api-definitions"}""");

        var (listExit, listed, _) = CliRunner.Run(["list", "--root", _folder]);
        var (generateExit, generated, generateError) = CliRunner.Run(["generate", "--root", _folder]);

        Assert.Equal(0, listExit);
        Assert.Contains("evs-snapshots-detail", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("servicestage", listed, StringComparison.Ordinal);
        Assert.True(generateExit == 0, generateError);
        Assert.Contains("generate:", generated, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "contracts", "schemas", "evs-snapshots-detail", "response.200.schema.json")));
        Assert.False(Directory.Exists(Path.Combine(_folder, "contracts", "schemas", "servicestage-instance-snapshots")));
    }

    [Theory]
    [InlineData("""{"definitions": "defs", "output": "x"}""", "unknown member 'output' (allowed: definitions)")]
    [InlineData("""{"definitions": 3}""", "'definitions' must be a folder path (a string), relative to this file")]
    [InlineData("""{"definitions": "no-such-folder"}""", "no-such-folder does not exist")]
    [InlineData("""["contracts/apis"]""", "expected a JSON object")]
    public void ApicontractsJson_Malformed_ExitTwoNamingTheFileAndTheProblem(string json, string words)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "defs"));
        File.WriteAllText(Path.Combine(_folder, "apicontracts.json"), json);

        var (exit, _, error) = CliRunner.Run(["list", "--root", _folder]);

        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(_folder, "apicontracts.json"), error, StringComparison.Ordinal);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_WithNeitherFile_ExitTwoSayingWhatIsMissing()
    {
        var (exit, _, error) = CliRunner.Run(["list", "--root", _folder]);

        Assert.Equal(2, exit);
        Assert.Contains("neither apicontracts.json nor a contracts/apis folder there", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideAnyProject_ListUsesTheBuiltInDefinitions_AndGenerateRefusesWithExitTwo()
    {
        var list = Run(["list"]);
        var generate = Run(["generate"]);

        Assert.Equal(0, list.Exit);
        foreach (var id in Repo.Catalog.Apis.Select(a => a.Id)) Assert.Contains(id, list.Out, StringComparison.Ordinal);
        Assert.Equal(2, generate.Exit);
        Assert.Contains("generate writes its artifacts beside your definitions", generate.Err, StringComparison.Ordinal);
        Assert.Contains("pass --root <dir>", generate.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void OutsideAnyProject_ProbeReadsTheBuiltInDefinitions()
    {
        // Port 1 on loopback refuses connections: the probe gets as far as calling the provider, which it can
        // only do once it has definitions (it used to stop at "no apicontracts.json or contracts/apis folder").
        var probe = Run(["probe", "--base-url", "http://127.0.0.1:1", "--api", "evs-snapshots-detail", "--max-requests", "3"]);

        Assert.Equal(2, probe.Exit);
        Assert.Contains("the provider does not answer", probe.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("contracts/apis", probe.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Generate_OnATerminal_ShowsItsStages_AndPlainWhenRedirected()
    {
        // `script` gives the command a pseudo-terminal, as a user's shell does.
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var typescript = Path.Combine(_folder, "typescript");
        var onTerminal = Process.Start(new ProcessStartInfo("script", ["-q", "-e", "-c", $"dotnet '{dll}' generate --check --root '{Repo.Root}'", typescript]) { RedirectStandardOutput = true, RedirectStandardInput = true })!;
        onTerminal.StandardOutput.ReadToEnd();
        onTerminal.WaitForExit();
        var redirected = Run(["generate", "--check", "--root", Repo.Root]);

        var screen = File.ReadAllText(typescript);
        Assert.Equal(0, onTerminal.ExitCode);
        // Which stages a frame catches depends on the refresh timer and the machine's load; the last frame,
        // drawn when the work is done and before the bar is cleared, always shows the last stage complete.
        Assert.Contains("generate: reference pacts", screen, StringComparison.Ordinal);
        Assert.Contains("100%", screen, StringComparison.Ordinal);
        Assert.Equal(0, redirected.Exit);
        Assert.DoesNotContain("generate: reading", redirected.Out + redirected.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", redirected.Out, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Err) Run(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "apicontracts.dll"), .. args])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
