using ApiContracts.Core.Generation;

namespace ApiContracts.Core.Tests;

public sealed class GenerationTests : IDisposable
{
    private readonly string _root = Repo.CopyToTemp();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ArtifactSet Build()
    {
        var set = new ArtifactSet();
        ContractArtifacts.AddTo(set, ContractCatalog.Load(_root));
        return set;
    }

    [Fact]
    public void Generate_Twice_IsByteIdentical()
    {
        Build().Write(_root);
        var first = Repo.Snapshot(Path.Combine(_root, "contracts"));

        var changes = Build().Write(_root);

        Assert.Empty(changes);
        Assert.Equal(first, Repo.Snapshot(Path.Combine(_root, "contracts")));
        Assert.True(first.Count > 40);
    }

    [Fact]
    public void CommittedArtifacts_MatchTheDefinitions()
    {
        var set = new ArtifactSet();
        ContractArtifacts.AddTo(set, Repo.Catalog);

        // The fixture generator appends its value distributions to each API page (ApiContracts.Fixtures.Tests checks
        // the whole page); what this project writes must be the page's beginning, unchanged.
        var diff = set.Diff(Repo.Root).ToList();
        var pages = diff.Where(c => c.Reason == "stale" && c.Path.StartsWith(ContractArtifacts.DocsFolder + "/", StringComparison.Ordinal) && c.Path != ContractArtifacts.DocsFolder + "/README.md").ToList();
        Assert.All(pages, c => Assert.StartsWith(set.Files[c.Path] + "\n## Fixture values\n", File.ReadAllText(Path.Combine(Repo.Root, c.Path)), StringComparison.Ordinal));
        Assert.Empty(diff.Except(pages));
    }

    [Fact]
    public void Append_AddsASectionToAFileAlreadyAdded_AndRefusesAnyOther()
    {
        var set = new ArtifactSet();
        set.Add("docs/page.md", "# Page\n");

        set.Append("docs/page.md", "## More\n");

        Assert.Equal("# Page\n\n## More\n", set.Files["docs/page.md"]);
        Assert.Contains("docs/other.md is not generated", Assert.Throws<InvalidOperationException>(() => set.Append("docs/other.md", "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_FindsStaleAndOrphanedFiles()
    {
        Build().Write(_root);
        File.AppendAllText(Path.Combine(_root, "contracts", "schemas", "evs-snapshots-detail", "response.200.schema.json"), " ");
        File.WriteAllText(Path.Combine(_root, "contracts", "schemas", "evs-snapshots-detail", "response.418.schema.json"), "{}");

        var diff = Build().Diff(_root);

        Assert.Contains(diff, c => c.Path == "contracts/schemas/evs-snapshots-detail/response.200.schema.json" && c.Reason == "stale");
        Assert.Contains(diff, c => c.Path == "contracts/schemas/evs-snapshots-detail/response.418.schema.json" && c.Reason == "not generated any more");
        Assert.Equal(2, diff.Count);
    }

    [Fact]
    public void BrokenDefinition_StopsBeforeAnyWrite()
    {
        Build().Write(_root);
        var before = Repo.Snapshot(Path.Combine(_root, "contracts"));
        var file = Path.Combine(_root, "contracts", "apis", "evs-snapshots-detail.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("type: integer", "type: whole", StringComparison.Ordinal));

        var ex = Assert.Throws<Definitions.DefinitionException>(() => Build().Write(_root));

        Assert.Contains(ex.Problems, p => p.Location.File.EndsWith("evs-snapshots-detail.yaml", StringComparison.Ordinal) && p.Location.Line > 1);
        before.Remove(Path.Combine("apis", "evs-snapshots-detail.yaml"));
        var after = Repo.Snapshot(Path.Combine(_root, "contracts"));
        after.Remove(Path.Combine("apis", "evs-snapshots-detail.yaml"));
        Assert.Equal(before, after);
    }

    [Fact]
    public void AtomicWrite_LeavesNoTemporaryFiles()
    {
        var target = Path.Combine(_root, "out", "file.json");

        AtomicFile.Write(target, "one");
        AtomicFile.Write(target, "two");

        Assert.Equal("two", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }
}
