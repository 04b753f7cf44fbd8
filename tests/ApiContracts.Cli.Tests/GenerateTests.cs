using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

public sealed class GenerateTests : IDisposable
{
    private readonly string _root = Repo.CopyToTemp();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Generate_ThenCheck_IsUpToDate()
    {
        var (exit, output, _) = Run("generate", "--root", _root);
        var check = Run("generate", "--check", "--root", _root);

        Assert.Equal(0, exit);
        Assert.Contains("artifacts", output, StringComparison.Ordinal);
        Assert.Equal(0, check.Exit);
        Assert.Contains("up to date", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StaleArtifact_ExitsOneAndNamesIt()
    {
        Run("generate", "--root", _root);
        var page = Path.Combine(_root, "contracts", "docs", "servicestage-instance-action.md");
        File.AppendAllText(page, "hand edit\n");

        var (exit, _, error) = Run("generate", "--check", "--root", _root);

        Assert.Equal(1, exit);
        Assert.Contains("contracts/docs/servicestage-instance-action.md: stale", error, StringComparison.Ordinal);
        Assert.EndsWith("hand edit\n", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BrokenDefinition_ExitsTwoWithFileAndLine_AndWritesNothing()
    {
        Run("generate", "--root", _root);
        var schemas = Path.Combine(_root, "contracts", "schemas");
        var before = Directory.GetFiles(schemas, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var definition = Path.Combine(_root, "contracts", "apis", "pai-dsw-instance-snapshots.yaml");
        File.WriteAllText(definition, File.ReadAllText(definition).Replace("style: page-number", "style: pages", StringComparison.Ordinal));

        var (exit, _, error) = Run("generate", "--root", _root);

        Assert.Equal(2, exit);
        Assert.Matches(@"contracts/apis/pai-dsw-instance-snapshots\.yaml:[0-9]+:[0-9]+: 'style' is 'pages'", error);
        Assert.Equal(before, Directory.GetFiles(schemas, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }
}
