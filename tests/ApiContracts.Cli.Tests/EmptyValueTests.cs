using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary>Attack report 1, finding 16: an empty value is refused naming the option, never in .NET's words ("(Parameter 'path')").</summary>
public sealed class EmptyValueTests
{
    [Theory]
    [InlineData("--out", "fixtures", "--api", "evs-snapshots-detail", "--count", "1", "--out", "")]
    [InlineData("--out", "fixtures", "--api", "evs-snapshots-detail", "--count", "1", "--out", " ")]
    [InlineData("--root", "generate", "--root", "")]
    [InlineData("--root", "list", "--root", "")]
    [InlineData("--junit", "verify", "--provider-url", "http://127.0.0.1:9", "--pacts", "contracts/pacts", "--junit", "")]
    [InlineData("--schema", "validate", "--schema", "", "payload.json")]
    [InlineData("<file>", "validate", "--api", "evs-snapshots-detail", "--response", "200", "")]
    [InlineData("--pack", "serve", "--port", "0", "--pack", "")]
    [InlineData("--pact", "mock", "--pact", "", "--port", "0")]
    public void EmptyValue_ExitsTwoNamingTheOption(string option, params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains($"error: {option}: the value is empty; give a value", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be an empty string", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void FixturesOutEmpty_WritesNothing()
    {
        var before = Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length;

        var (exit, _, _) = CliRunner.Run("fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "1", "--out", "");

        Assert.Equal(2, exit);
        Assert.Equal(before, Directory.GetFileSystemEntries(Environment.CurrentDirectory).Length);
    }
}
