using System.Net;
using System.Net.Sockets;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary>What the CLI says when the user gets something wrong: a taken port, a typo.</summary>
public class ClearWordsTests
{
    [Fact]
    public void Serve_PortInUse_SaysWhichAndHowToChoose_ExitTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, exit);
        Assert.Contains($"error: port {port} is in use; choose another with --port", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Mock_PortInUse_SaysWhichAndHowToChoose_ExitTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var pact = Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-evs.json");

        var (exit, _, error) = CliRunner.Run(["mock", "--pact", pact, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, exit);
        Assert.Contains($"error: port {port} is in use; choose another with --port", error, StringComparison.Ordinal);
        Assert.DoesNotContain("pactffi", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "serv" }, "unknown command 'serv'; did you mean 'serve'?")]
    [InlineData(new[] { "prob", "--base-url", "http://127.0.0.1:1" }, "unknown command 'prob'; did you mean 'probe'?")]
    [InlineData(new[] { "genrate", "--check" }, "unknown command 'genrate'; did you mean 'generate'?")]
    [InlineData(new[] { "fixture" }, "unknown command 'fixture'; did you mean 'fixtures'?")]
    [InlineData(new[] { "serve", "--prot", "8081" }, "unknown option '--prot' for 'apicontracts serve'; did you mean '--port'?")]
    [InlineData(new[] { "fixtures", "--api", "evs-snapshots-detail", "--count", "1", "--out", "f.csv", "--formt", "csv" }, "unknown option '--formt' for 'apicontracts fixtures'; did you mean '--format'?")]
    [InlineData(new[] { "list", "--rot", "." }, "unknown option '--rot' for 'apicontracts list'; did you mean '--root'?")]
    [InlineData(new[] { "xyzzy" }, "unknown command 'xyzzy' (known: check-consumer, diff, drift, fixtures, generate, import, list, mock, probe, serve, validate, verify)")]
    public void Typos_SuggestTheNearestCommandOrOption_ExitTwo(string[] args, string expected)
    {
        var (exit, _, error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains("error: " + expected, error, StringComparison.Ordinal);
        // The mistyped option's value is not reported a second time as a stray argument.
        Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("serve", "serv", 1)]
    [InlineData("--port", "--prot", 1)]
    [InlineData("generate", "genrate", 1)]
    [InlineData("fixtures", "fixtures", 0)]
    [InlineData("list", "mock", 4)]
    public void Distance_CountsEditsWithTranspositionsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
    }
}
