using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

public sealed class FixturesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-fixtures-cli").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Export_WritesTheFile_AndReportsTheRange()
    {
        var path = Path.Combine(_folder, "out.csv");

        var (exit, output, _) = Run("fixtures", "--root", Repo.Root, "--api", "pai-dsw-instance-snapshots", "--count", "40", "--seed", "9", "--format", "csv", "--shard", "2/4", "--out", path);

        Assert.Equal(0, exit);
        Assert.Contains("wrote 10 pai-dsw-instance-snapshots records [10, 20) of 40", output, StringComparison.Ordinal);
        Assert.Equal(10, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Export_WithParentAndLocale_UsesThem()
    {
        var path = Path.Combine(_folder, "out.ndjson");

        var (exit, _, _) = Run("fixtures", "--root", Repo.Root, "--api", "servicestage-instance-snapshots", "--count", "3", "--parent", "5c7e9a1d-3b2f-4d6a-8e0c-9f1b2a3c4d5e", "--locale", "zh_CN", "--out", path);

        Assert.Equal(0, exit);
        Assert.All(File.ReadAllLines(path), line => Assert.Contains("5c7e9a1d-3b2f-4d6a-8e0c-9f1b2a3c4d5e", line, StringComparison.Ordinal));
        Assert.Contains("新版本", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown API 'nope'", "--api", "nope", "--count", "5")]
    [InlineData("--count -3: must be 0 or more", "--api", "evs-snapshots-detail", "--count", "-3")]
    [InlineData("--shard '5/4'", "--api", "evs-snapshots-detail", "--count", "5", "--shard", "5/4")]
    [InlineData("--shard 'two'", "--api", "evs-snapshots-detail", "--count", "5", "--shard", "two")]
    [InlineData("unknown parent 'nobody'", "--api", "evs-snapshots-detail", "--count", "5", "--parent", "nobody")]
    [InlineData("--format: Argument 'xml' not recognized", "--api", "evs-snapshots-detail", "--count", "5", "--format", "xml")]
    public void BadInput_ExitsTwo_AndLeavesNoFile(string message, params string[] args)
    {
        var path = Path.Combine(_folder, "out.json");

        var (exit, _, error) = Run(["fixtures", "--root", Repo.Root, "--out", path, .. args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void UnwritablePath_ExitsTwo_AndLeavesNoFile()
    {
        var path = Path.Combine(_folder, "missing-folder", "out.json");

        var (exit, _, error) = Run("fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "5", "--out", path);

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }
}
