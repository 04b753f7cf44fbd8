using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

public class ListAndValidateTests
{
    [Fact]
    public void List_ShowsTheFiveApis()
    {
        var (exit, output, error) = Run("list", "--root", Repo.Root);

        Assert.True(exit == 0, error);
        foreach (var id in new[] { "servicestage-instance-snapshots", "servicestage-instance-action", "pai-dsw-instance-snapshots", "servicestage-config-histories", "evs-snapshots-detail" })
        {
            Assert.Contains(id, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_DocumentedExample_ExitsZero()
    {
        var file = WriteTemp("""{"action": "scale", "parameters": {"replica": 4}}""");

        var (exit, output, _) = Run("validate", "--root", Repo.Root, "--api", "servicestage-instance-action", "--request", "body", file);

        Assert.Equal(0, exit);
        Assert.StartsWith("valid:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ScaleWithoutReplica_ExitsOneNamingThePointer()
    {
        var (exit, output, _) = RunWithInput("""{"action": "scale", "parameters": {}}""", "validate", "--root", Repo.Root, "--api", "servicestage-instance-action", "--request", "body", "-");

        Assert.Equal(1, exit);
        Assert.Contains("/parameters/replica: required property is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ResponseWithSeveralErrors_PrintsOneLineEach()
    {
        var (exit, output, _) = RunWithInput("""{"count": "two", "snapshots": [{"version": 1}]}""", "validate", "--root", Repo.Root, "--api", "servicestage-instance-snapshots", "--response", "200", "-");

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Trim().StartsWith("/count: expected integer", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("/snapshots/0/version: expected string", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("/snapshots/0/create_time: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MalformedJson_ExitsTwoWithLineAndColumn()
    {
        var (exit, _, error) = RunWithInput("{\n  \"count\": 1,\n  \"snapshots\": [,]\n}", "validate", "--root", Repo.Root, "--api", "servicestage-instance-snapshots", "--response", "200", "-");

        Assert.Equal(2, exit);
        Assert.Contains("<stdin>:3:", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--api", "no-such-api", "--response", "200", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "--response", "418", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "--request", "body", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "--request", "cookies", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "--request", "query", "--response", "200", "-")]
    [InlineData("validate", "--api", "servicestage-instance-snapshots", "--response", "200", "/no/such/file.json")]
    [InlineData("frobnicate")]
    public void BadUsage_ExitsTwoWithAMessage(params string[] args)
    {
        var (exit, _, error) = RunWithInput("{}", [.. args, "--root", Repo.Root]);

        Assert.Equal(2, exit);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownApi_ListsTheKnownIds()
    {
        var (_, _, error) = RunWithInput("{}", "validate", "--root", Repo.Root, "--api", "evs", "--response", "200", "-");

        Assert.Contains("unknown API 'evs'", error, StringComparison.Ordinal);
        Assert.Contains("evs-snapshots-detail", error, StringComparison.Ordinal);
    }
}
