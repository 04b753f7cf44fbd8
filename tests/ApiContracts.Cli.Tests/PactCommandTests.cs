using System.Xml.Linq;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

public sealed class PactCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pact-cli").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Verify_TheStub_PassesWithJUnitAndJsonReports()
    {
        using var stub = StubServer.Start(ApiContracts.Core.ContractCatalog.Load(Repo.Root), new StubServerOptions { Port = 0 });
        var junit = Path.Combine(_folder, "junit.xml");
        var json = Path.Combine(_folder, "report.json");

        var (exit, output, _) = Run("verify", "--root", Repo.Root, "--provider-url", stub.Url, "--state-change-url", stub.Url + "/__stub/provider-states?admin_token=" + stub.AdminToken, "--junit", junit, "--json", json);

        Assert.Equal(0, exit);
        Assert.Contains("passed  evs-snapshots-detail: an explicit page", output, StringComparison.Ordinal);
        var interactions = Directory.GetFiles(Path.Combine(Repo.Root, "contracts", "pacts"), "*.json").Sum(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!["interactions"]!.AsArray().Count);
        Assert.Contains($"{interactions} interactions, 0 failed", output, StringComparison.Ordinal);
        var suites = XDocument.Load(junit).Root!;
        Assert.Equal(interactions.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suites.Attribute("tests"));
        Assert.Equal("0", (string?)suites.Attribute("failures"));
        Assert.True(new FileInfo(json).Length > 100);
    }

    [Fact]
    public void Verify_AProviderThatRefusesEveryone_ExitsOneAndReportsFailures()
    {
        using var stub = StubServer.Start(ApiContracts.Core.ContractCatalog.Load(Repo.Root), new StubServerOptions { Port = 0, Settings = new StubSettings { Token = "nobody-has-this" } });
        var junit = Path.Combine(_folder, "junit.xml");

        var (exit, output, _) = Run("verify", "--root", Repo.Root, "--provider-url", stub.Url, "--pacts", Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-pai-dsw.json"), "--state-change-url", stub.Url + "/__stub/provider-states?admin_token=" + stub.AdminToken, "--junit", junit);

        Assert.Equal(1, exit);
        Assert.Contains("FAILED  pai-dsw-instance-snapshots: the default page", output, StringComparison.Ordinal);
        Assert.Contains("expected 200 but was 401", output, StringComparison.Ordinal);
        Assert.NotEqual("0", (string?)XDocument.Load(junit).Root!.Attribute("failures"));
    }

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("ftp://example")]
    public void Verify_BadProviderUrl_ExitsTwo(string url) =>
        Assert.Equal(2, Run("verify", "--root", Repo.Root, "--provider-url", url).Exit);

    [Fact]
    public void Verify_MissingPacts_ExitsTwo()
    {
        var (exit, _, error) = Run("verify", "--root", Repo.Root, "--provider-url", "http://127.0.0.1:1", "--pacts", "/no/such/pacts");

        Assert.Equal(2, exit);
        Assert.Contains("/no/such/pacts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConsumer_ReferencePact_IsCompatible()
    {
        var (exit, output, _) = Run("check-consumer", "--root", Repo.Root, Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-servicestage.json"));

        Assert.Equal(0, exit);
        Assert.StartsWith("compatible:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConsumer_IncompatiblePact_ExitsOneNamingTheProblem()
    {
        var pact = Path.Combine(_folder, "consumer.json");
        File.WriteAllText(pact, """
        {"consumer": {"name": "c"}, "provider": {"name": "evs"}, "metadata": {"pactSpecification": {"version": "3.0.0"}},
         "interactions": [{"description": "asks for a field EVS lacks", "request": {"method": "GET", "path": "/v2/p/cloudsnapshots/detail", "headers": {"X-Auth-Token": "t"}},
           "response": {"status": 200, "body": {"count": 1, "snapshots": [{"id": "a", "colour": "red"}]}}}]}
        """);

        var (exit, output, _) = Run("check-consumer", "--root", Repo.Root, pact);

        Assert.Equal(1, exit);
        Assert.Contains("'asks for a field EVS lacks': response body /snapshots/0/colour: property is not allowed here", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConsumer_NotAPact_ExitsTwo()
    {
        var file = Path.Combine(_folder, "x.json");
        File.WriteAllText(file, """{"hello": 1}""");

        Assert.Equal(2, Run("check-consumer", "--root", Repo.Root, file).Exit);
    }

    [Fact]
    public void CheckConsumer_TopLevelNotAnObject_ExitsTwoNamingTheFile()
    {
        var file = Path.Combine(_folder, "list.json");
        File.WriteAllText(file, "[]");

        var (exit, _, error) = Run("check-consumer", "--root", Repo.Root, file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}: not a pact", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mock_PortOutOfRange_ExitsTwoNamingThePort()
    {
        var (exit, _, error) = Run("mock", "--pact", Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-evs.json"), "--port", "70000");

        Assert.Equal(2, exit);
        Assert.Contains("port 70000", error, StringComparison.Ordinal);
    }
}
