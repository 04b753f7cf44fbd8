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

    [Fact]
    public void Csv_HeaderPointerAlways_NoBom_ReachTheFile()
    {
        var plain = Path.Combine(_folder, "plain.csv");
        var chosen = Path.Combine(_folder, "chosen.csv");

        var (exit1, _, _) = Run("fixtures", "--root", Repo.Root, "--api", "servicestage-instance-action", "--count", "40", "--format", "csv", "--shard", "2/4", "--out", plain);
        var (exit2, _, _) = Run("fixtures", "--root", Repo.Root, "--api", "servicestage-instance-action", "--count", "40", "--format", "csv", "--shard", "2/4", "--header", "pointer,always", "--no-bom", "--out", chosen);

        Assert.Equal((0, 0), (exit1, exit2));
        Assert.Equal(10, File.ReadAllLines(plain).Length); // by default only shard 1 has the header (and the BOM)
        Assert.NotEqual(0xEF, File.ReadAllBytes(plain)[0]);
        Assert.Equal("/request/action,/request/parameters/replica,/request/parameters/hosts,/request/parameters/version,/response/job_id", File.ReadAllLines(chosen)[0]);
        Assert.Equal(11, File.ReadAllLines(chosen).Length);
    }

    [Fact]
    public void Csv_ByDefault_HasABomAndDottedNames()
    {
        var path = Path.Combine(_folder, "out.csv");

        var (exit, _, _) = Run("fixtures", "--root", Repo.Root, "--api", "servicestage-instance-action", "--count", "3", "--format", "csv", "--out", path);

        Assert.Equal(0, exit);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("request.action,request.parameters.replica,request.parameters.hosts,request.parameters.version,response.job_id\n", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_WritesTypedTables()
    {
        var path = Path.Combine(_folder, "f.db");

        var (exit, output, _) = Run("fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "30", "--format", "sqlite", "--out", path);

        Assert.Equal(0, exit);
        Assert.Contains("wrote 30 evs-snapshots-detail records [0, 30) of 30 to " + path + " (sqlite, seed 1", output, StringComparison.Ordinal);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), sum(typeof(size) = 'integer'), sum(status IS NOT NULL) FROM snapshots";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((30L, 30L, 30L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Theory]
    [InlineData("--header 'wide': use dotted or pointer", "--format", "csv", "--header", "wide")]
    [InlineData("--header: dotted and pointer exclude each other", "--format", "csv", "--header", "dotted", "--header", "pointer")]
    [InlineData("--header: first and always exclude each other", "--format", "csv", "--header", "first,always")]
    [InlineData("--header applies to --format csv only (the format is json)", "--format", "json", "--header", "always")]
    [InlineData("--no-bom applies to --format csv only (the format is sqlite)", "--format", "sqlite", "--no-bom")]
    public void BadCsvChoices_ExitTwo_AndLeaveNoFile(string message, params string[] args)
    {
        var path = Path.Combine(_folder, "out.csv");

        var (exit, _, error) = Run(["fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "5", "--out", path, .. args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
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
    public void Describe_PrintsEachFieldsDistribution_AndWritesNothing()
    {
        var (exit, output, _) = Run("fixtures", "--root", Repo.Root, "--describe", "--api", "evs-snapshots-detail");
        var (edgeExit, edge, _) = Run("fixtures", "--root", Repo.Root, "--describe", "--api", "servicestage-instance-action", "--profile", "edge");

        Assert.Equal(0, exit);
        Assert.StartsWith("evs-snapshots-detail, profile realistic (the default):", output, StringComparison.Ordinal);
        Assert.Contains("\n  status: dealt in blocks of 1,024 records with a seeded mix", output, StringComparison.Ordinal);
        Assert.Contains("\n  size: the size of the snapshot's disk", output, StringComparison.Ordinal);
        Assert.Contains("\n  updated_at: after the creation time and before the reference time", output, StringComparison.Ordinal);
        Assert.Equal(0, edgeExit);
        Assert.Contains("profile edge: stress values", edge, StringComparison.Ordinal);
        Assert.Contains("\n  request.action: start, stop, restart, scale, rollback, equally often", edge, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void EdgeProfile_ExportsStressValues_AndSaysSo()
    {
        var path = Path.Combine(_folder, "edge.ndjson");

        var (exit, output, _) = Run("fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "60", "--profile", "edge", "--out", path);

        Assert.Equal(0, exit);
        Assert.Contains("profile edge)", output, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(path), line => line.Length > 4096);
    }

    [Theory]
    [InlineData("--count is required to export (or give --describe", "--api", "evs-snapshots-detail", "--out", "x.json")]
    [InlineData("--out is required to export (or give --describe", "--api", "evs-snapshots-detail", "--count", "5")]
    [InlineData("--describe writes no file: leave out --out", "--api", "evs-snapshots-detail", "--describe", "--out", "x.json")]
    [InlineData("--profile: Argument 'wild' not recognized", "--api", "evs-snapshots-detail", "--describe", "--profile", "wild")]
    public void DescribeAndProfile_Misuse_ExitsTwo(string message, params string[] args)
    {
        var (exit, _, error) = Run(["fixtures", "--root", Repo.Root, .. args]);

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
