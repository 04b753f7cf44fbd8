using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Pact.Builder;
using ApiContracts.Pact.Interop;

namespace ApiContracts.Pact.Tests;

public sealed class EngineRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pact").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static PactBuilder SnapshotsPact()
    {
        var pact = new PactBuilder("example-client", "servicestage");
        pact.UponReceiving("a page of snapshots")
            .Given("an instance with snapshots", new Dictionary<string, JsonNode?> { ["instance_id"] = "11eddb33-140b-4e51-b1e2-6ec265373ca3", ["size"] = 3 })
            .WithRequest("GET", "/v2/p/cas/applications/a/components/c/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots")
            .WithQuery("limit", "2")
            .WithHeader("X-Auth-Token", Match.Regex("^.+$", "token"))
            .WillRespondWith(200)
            .WithHeader("Content-Type", "application/json")
            .WithJsonBody(new JsonObject
            {
                ["count"] = Match.Integer(3),
                ["snapshots"] = Match.EachLike(new JsonObject
                {
                    ["create_time"] = Match.Integer(1610331830841),
                    ["description"] = Match.Type("{\"action\":\"New Version: 1.0.0\"}"),
                    ["instance_id"] = "11eddb33-140b-4e51-b1e2-6ec265373ca3",
                    ["version"] = Match.Regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", "1.0.2"),
                }),
            });
        return pact;
    }

    [Fact]
    public async Task Builder_MockServer_RealHttp_WritesTheGoldenPact()
    {
        using var pact = SnapshotsPact();
        using (var server = pact.StartMockServer())
        {
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Add("X-Auth-Token", "abc");
            var body = JsonNode.Parse(await client.GetStringAsync(new Uri(server.Url + "/v2/p/cas/applications/a/components/c/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots?limit=2")))!;

            Assert.Equal(3, (int)body["count"]!);
            Assert.Equal("1.0.2", (string?)body["snapshots"]![0]!["version"]);
            Assert.True(server.Matched);
            server.WritePact(_folder);
        }

        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "example-client-servicestage.json")))!;
        Assert.Equal("4.0", (string?)written["metadata"]!["pactSpecification"]!["version"]);
        Golden.Matches("example-client-servicestage.json", CanonicalJson.Write(written));
    }

    [Fact]
    public async Task MockServer_ReportsAnUnexpectedRequest()
    {
        using var pact = SnapshotsPact();
        using var server = pact.StartMockServer();
        using var client = new HttpClient();

        var response = await client.GetAsync(new Uri(server.Url + "/nowhere"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.False(server.Matched);
        var ex = Assert.Throws<PactVerificationException>(server.Verify);
        Assert.Contains("/nowhere", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_IsTheExpectedVersion() => Assert.Equal("0.5.8", NativePactDriver.EngineVersion);

    [Fact]
    public void Matchers_RefuseAnExampleTheyWouldNotMatch() =>
        Assert.Throws<ArgumentException>(() => Match.Regex("^[0-9]+$", "abc"));
}

public sealed class SpecificationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pact-v3").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task V3Pact_WithDateTimeAndDecimalMatchers_RoundTripsThroughTheEngine()
    {
        using var pact = new PactBuilder("v3-client", "pai-dsw", PactSpecification.V3);
        pact.UponReceiving("a snapshot's times")
            .WithRequest("GET", "/api/v2/instances/dsw-1/snapshots")
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject
            {
                ["GmtCreateTime"] = Match.DateTime("yyyy-MM-dd'T'HH:mm:ss'Z'", "2021-01-12T14:36:01Z"),
                ["Ratio"] = Match.Decimal(0.5),
            });
        using (var server = pact.StartMockServer())
        {
            using var client = new HttpClient();
            var body = JsonNode.Parse(await client.GetStringAsync(new Uri(server.Url + "/api/v2/instances/dsw-1/snapshots")))!;
            Assert.Equal("2021-01-12T14:36:01Z", (string?)body["GmtCreateTime"]);
            server.WritePact(_folder);
        }

        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "v3-client-pai-dsw.json")))!;
        Assert.Equal("3.0.0", (string?)written["metadata"]!["pactSpecification"]!["version"]);
        var rules = written["interactions"]![0]!["response"]!["matchingRules"]!["body"]!;
        Assert.Equal("datetime", (string?)rules["$.GmtCreateTime"]!["matchers"]![0]!["match"]);
        Assert.Equal("decimal", (string?)rules["$.Ratio"]!["matchers"]![0]!["match"]);
    }
}
