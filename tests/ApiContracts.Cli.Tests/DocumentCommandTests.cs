using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary><c>import</c>, <c>diff</c> and <c>drift</c> on the command line: outputs, exit codes, nothing written on failure.</summary>
public class DocumentCommandTests
{
    private static readonly string Apis = Path.Combine(Repo.Root, "contracts", "apis");

    [Fact]
    public void Import_WritesADraft()
    {
        var output = Temp("draft.yaml");

        var (exit, stdout, _) = CliRunner.Run("import", Path.Combine(Repo.Sources, "servicestage-config-histories.txt"), "--provider", "servicestage", "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("open questions", stdout, StringComparison.Ordinal);
        var draft = File.ReadAllText(output);
        Assert.StartsWith("# Draft imported from", draft, StringComparison.Ordinal);
        Assert.Contains("id: servicestage-config-histories", draft, StringComparison.Ordinal);
        Assert.Contains("provider: servicestage", draft, StringComparison.Ordinal);
        Assert.Contains("mandatory: unknown", draft, StringComparison.Ordinal);
        Assert.Contains("# the page: \"指定个数,取值[0, 100]。\"", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ToStandardOutput()
    {
        var (exit, stdout, _) = CliRunner.Run("import", Path.Combine(Repo.Sources, "evs-snapshots-detail.txt"), "--id", "evs-next", "--out", "-");

        Assert.Equal(0, exit);
        Assert.Contains("id: evs-next", stdout, StringComparison.Ordinal);
        Assert.Contains("table: \"Parameters in the error field\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnrecognisedPage_Exit2_NamesTheLine_WritesNothing()
    {
        var page = Temp("notes.txt");
        File.WriteAllText(page, "Notes from the meeting\n\nNothing to report.\n");
        var output = Temp("draft.yaml");
        var existing = Temp("kept.yaml");
        File.WriteAllText(existing, "old content");

        var (exit, _, stderr) = CliRunner.Run("import", page, "--out", output);
        var (exit2, _, _) = CliRunner.Run("import", page, "--out", existing);

        Assert.Equal((2, 2), (exit, exit2));
        Assert.Contains($"{page}:1:", stderr, StringComparison.Ordinal);
        Assert.Contains("Notes from the meeting", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal("old content", File.ReadAllText(existing));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));
    }

    [Fact]
    public void Import_TableWithMismatchedColumns_Exit2_NamesTableAndLine()
    {
        var page = Temp("page.txt");
        File.WriteAllText(page, File.ReadAllText(Path.Combine(Repo.Sources, "servicestage-instance-action.txt")).Replace("replica\n\nNo\n\nInteger", "replica\n\nNo\n\nCount", StringComparison.Ordinal));

        var (exit, _, stderr) = CliRunner.Run("import", page, "--out", Temp("draft.yaml"));

        Assert.Equal(2, exit);
        Assert.Contains("'Table 4 parameters description'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_SameDefinitions_Exit0()
    {
        var (exit, stdout, _) = CliRunner.Run("diff", Apis, Apis);

        Assert.Equal(0, exit);
        Assert.Contains("no changes", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_BreakingChange_Exit1_AndFailOnSelects()
    {
        var (old, changed) = EditedDefinition("servicestage-config-histories.yaml", "        maximum: 100\n        sources: {minimum: page, maximum: page}", "        maximum: 50\n        sources: {minimum: page, maximum: page}");

        var text = CliRunner.Run("diff", old, changed);
        var providers = CliRunner.Run("diff", old, changed, "--fail-on", "providers");
        var consumers = CliRunner.Run("diff", old, changed, "--fail-on", "consumers");

        Assert.Equal((1, 0, 1), (text.Exit, providers.Exit, consumers.Exit));
        Assert.Contains("request-bounds-narrowed", text.Out, StringComparison.Ordinal);
        Assert.Contains("/request/query/limit/maximum", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_Formats()
    {
        var (old, changed) = EditedDefinition("servicestage-config-histories.yaml", "        enum: [desc, asc]\n", "        enum: [desc, asc, random]\n");

        var json = CliRunner.Run("diff", old, changed, "--format", "json");
        var junit = CliRunner.Run("diff", old, changed, "--format", "junit", "--fail-on", "providers");
        var markdown = CliRunner.Run("diff", old, changed, "--format", "markdown");

        var change = JsonNode.Parse(json.Out)!["changes"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "request-enum-value-added")!;
        Assert.Equal(("/request/query/order/enum", "breaking-for-providers"), (change["pointer"]!.GetValue<string>(), change["severity"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(change["message"]!.GetValue<string>()));
        var suite = XDocument.Parse(junit.Out).Root!.Element("testsuite")!;
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Single(suite.Elements("testcase"), t => t.Element("failure") is not null);
        Assert.Contains("| API | severity | rule | pointer | why |", markdown.Out, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), (json.Exit, junit.Exit, markdown.Exit));
    }

    [Fact]
    public void Diff_GitRevision_ReadsTheCommittedDefinition()
    {
        var repo = Temp("git");
        Directory.CreateDirectory(repo);
        Git(repo, "init", "-q");
        var file = Path.Combine(repo, "servicestage-instance-action.yaml");
        File.Copy(Path.Combine(Apis, "servicestage-instance-action.yaml"), file);
        Git(repo, "add", ".");
        Git(repo, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "definition");
        File.WriteAllText(file, File.ReadAllText(file).Replace("      - name: job_id\n", "      - name: job_ref\n", StringComparison.Ordinal));

        var (exit, stdout, stderr) = RunIn(repo, "diff", "git:HEAD:servicestage-instance-action.yaml", "servicestage-instance-action.yaml");
        var folder = RunIn(repo, "diff", "git:HEAD:.", ".");
        var unknown = RunIn(repo, "diff", "git:no-such-rev:servicestage-instance-action.yaml", "servicestage-instance-action.yaml");

        Assert.True(exit == 1, stderr);
        Assert.Contains("response-removed", stdout, StringComparison.Ordinal);
        Assert.Equal(1, folder.Exit);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("git:no-such-rev:", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_BadInput_Exit2()
    {
        var missing = CliRunner.Run("diff", Path.Combine(Apis, "nope.yaml"), Apis);
        var badSpec = CliRunner.Run("diff", "git:HEAD", Apis);
        var badFormat = CliRunner.Run("diff", Apis, Apis, "--format", "xml");

        Assert.Equal((2, 2, 2), (missing.Exit, badSpec.Exit, badFormat.Exit));
        Assert.Contains("nope.yaml", missing.Err, StringComparison.Ordinal);
        Assert.Contains("git:<rev>:<path>", badSpec.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_CommittedPages_Exit0()
    {
        var (exit, stdout, stderr) = CliRunner.Run("drift", "--root", Repo.Root);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("no changes", stdout, StringComparison.Ordinal);
        Assert.Contains("contracts/sources/evs-snapshots-detail.txt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_EditedPage_Exit1_WithTheChange()
    {
        var root = Temp("repo");
        foreach (var folder in new[] { "apis", "sources" })
        {
            Directory.CreateDirectory(Path.Combine(root, "contracts", folder));
            foreach (var f in Directory.GetFiles(Path.Combine(Repo.Root, "contracts", folder))) File.Copy(f, Path.Combine(root, "contracts", folder, Path.GetFileName(f)));
        }

        var page = Path.Combine(root, "contracts", "sources", "pai-dsw-instance-snapshots.txt");
        File.WriteAllText(page, File.ReadAllText(page).Replace("The value must be greater than or equal to 1.", "The value must be greater than or equal to 0.", StringComparison.Ordinal));

        var (exit, stdout, _) = CliRunner.Run("drift", "--root", root, "--api", "pai-dsw-instance-snapshots", "--format", "json");
        var other = CliRunner.Run("drift", "--root", root, "--api", "evs-snapshots-detail");
        var unknown = CliRunner.Run("drift", "--root", root, "--api", "nope");

        Assert.Equal((1, 0, 2), (exit, other.Exit, unknown.Exit));
        var change = Assert.Single(JsonNode.Parse(stdout)!["changes"]!.AsArray())!;
        Assert.Equal(("/request/query/PageNumber/minimum", "request-bounds-widened"), (change["pointer"]!.GetValue<string>(), change["kind"]!.GetValue<string>()));
    }

    private static (string Old, string New) EditedDefinition(string file, string find, string replace)
    {
        var folder = Temp("defs");
        Directory.CreateDirectory(folder);
        var changed = Path.Combine(folder, file);
        var text = File.ReadAllText(Path.Combine(Apis, file));
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(changed, text.Replace(find, replace, StringComparison.Ordinal));
        return (Path.Combine(Apis, file), changed);
    }

    private static (int Exit, string Out, string Err) RunIn(string directory, params string[] args)
    {
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(directory);
        try
        {
            return CliRunner.Run(args);
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    private static void Git(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }

    private static string Temp(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "apicontracts-cli-doc-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
