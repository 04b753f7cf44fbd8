using System.Text.Json.Nodes;
using System.Xml.Linq;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Cli.Tests;

public sealed class ProbeCommandTests
{
    private static string Temp(string name) => Path.Combine(Directory.CreateTempSubdirectory("apicontracts-probe-").FullName, name);

    [Fact]
    public void Probe_AgainstTheStub_ExitsZero_PrintsEachCheck_WritesJUnitAndJson()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10 });
        var junit = Temp("probe.xml");
        var json = Temp("probe.json");

        var (exit, output, error) = CliRunner.Run("probe", "--base-url", stub.Url, "--api", "servicestage-config-histories", "evs-snapshots-detail", "--seed", "4", "--junit", junit, "--json", json, "--root", Repo.Root);

        Assert.True(exit == 0, output + error);
        Assert.Contains("servicestage-config-histories\n  passed   walk[limit=100&offset=0]", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  passed   links.when", output, StringComparison.Ordinal);
        Assert.Matches(@"probe: (\d+) checks: \1 passed, 0 failed, 0 skipped; \d+ requests in [0-9.]+ s \(\d+ checks/s, \d+ requests/s\); parents from the stub's /__stub/parents", output);

        var suites = XDocument.Load(junit).Root!;
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal(["evs-snapshots-detail", "servicestage-config-histories"], suites.Elements("testsuite").Select(s => (string)s.Attribute("name")!).Order());
        Assert.Equal("0", (string)suites.Attribute("failures")!);
        Assert.Equal((int)report["summary"]!["checks"]!, (int)suites.Attribute("tests")!);
        Assert.Equal((int)report["summary"]!["checks"]!, (int)report["summary"]!["passed"]!);
        Assert.True((bool)report["stub"]!);
        Assert.Contains(report["checks"]!.AsArray(), c => (string)c!["id"]! == "total.independent-of-page" && (string)c["rule"]!["pointer"]! == "/pagination/total");
    }

    [Fact]
    public void Probe_AgainstAProviderThatFails_ExitsOne_ShowingRequestResponseAndRule_NeverTheCredential()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Token = "right" } });
        var junit = Temp("probe.xml");
        var json = Temp("probe.json");

        var (exit, output, _) = CliRunner.Run("probe", "--base-url", stub.Url, "--api", "evs-snapshots-detail", "--credential", "X-Auth-Token=wrong-secret", "--junit", junit, "--json", json, "--root", Repo.Root);

        Assert.Equal(1, exit);
        var lines = output.ReplaceLineEndings("\n");
        Assert.Contains("  FAILED   default-page[]\n           rule      evs-snapshots-detail /request/query/limit (A1, A3): without paging parameters", lines, StringComparison.Ordinal);
        Assert.Contains($"           request   GET {stub.Url}/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail\n           response  401 {{\"error\":{{", lines, StringComparison.Ordinal);
        Assert.Contains("           why       expected 200 with a page, got 401", lines, StringComparison.Ordinal);
        Assert.Contains("failed", output.Split('\n').Last(l => l.StartsWith("probe:", StringComparison.Ordinal)), StringComparison.Ordinal);
        var failure = XDocument.Load(junit).Descendants("failure").First();
        Assert.Contains("rule: evs-snapshots-detail", failure.Value, StringComparison.Ordinal);
        Assert.Contains("response: 401", failure.Value, StringComparison.Ordinal);
        foreach (var file in new[] { junit, json }) Assert.DoesNotContain("wrong-secret", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", output, StringComparison.Ordinal);
        Assert.Contains("\"X-Auth-Token\": \"[redacted]\"", File.ReadAllText(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--api", "evs-snapshots-detail" }, "--base-url")]
    [InlineData(new[] { "--base-url", "not a url" }, "--base-url 'not a url': an absolute http(s) URL is required")]
    [InlineData(new[] { "--base-url", "http://127.0.0.1:9", "--parent", "instance_id" }, "--parent 'instance_id': name=value is required")]
    [InlineData(new[] { "--base-url", "http://127.0.0.1:9", "--api", "nope" }, "--api 'nope': no such API")]
    [InlineData(new[] { "--base-url", "http://127.0.0.1:9", "--max-requests", "0" }, "--max-requests 0: at least 1 request is needed")]
    [InlineData(new[] { "--base-url", "http://127.0.0.1:9", "--credential", "X Auth=1" }, "--credential 'X Auth': not a header name")]
    public void Probe_BadUsage_ExitsTwo_NamingTheOption(string[] args, string message)
    {
        var (exit, output, error) = CliRunner.Run(["probe", .. args, "--root", Repo.Root]);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("probe:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_UnreachableProvider_ExitsTwo()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (exit, _, error) = CliRunner.Run("probe", "--base-url", $"http://127.0.0.1:{port}", "--root", Repo.Root);

        Assert.Equal(2, exit);
        Assert.Contains("the provider does not answer", error, StringComparison.Ordinal);
    }
}
