using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.ExampleClient;
using ApiContracts.Pact.Builder;
using ApiContracts.Pact.Contracts;
using ApiContracts.Pact.Verification;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Pact.Tests;

/// <summary>
/// Consumer tests of the typed example client, written with our builder: each runs the client against the
/// engine's mock server, and the pacts they produce are then checked against the definitions and verified
/// against the stub server, closing the loop consumer -> pact -> provider. The client's GETs carry no body
/// and so no Content-Type, as browsers' clients send them; the definitions' Content-Type assumption lets
/// that through, in the checker and in the stub.
/// </summary>
public sealed class ConsumerTests : IDisposable
{
    private const string Project = "0605767a3300d5762fb7c0186d9e1779";
    private const string Application = "8a3be48a-6401-4e8c-bbce-033745252227";
    private const string Component = "4b611997-4acd-4538-a06b-32fd2475e057";
    private const string Instance = "11eddb33-140b-4e51-b1e2-6ec265373ca3";
    private const string Consumer = "apicontracts-example-client";
    private readonly string _pacts = Directory.CreateTempSubdirectory("apicontracts-consumer").FullName;

    public void Dispose() => Directory.Delete(_pacts, recursive: true);

    private static Dictionary<string, JsonNode?> Parent(string name, string id, int size) => new() { [name] = id, ["size"] = size };

    private static JsonNode Token() => Match.Regex("^.+$", "consumer-token");

    private static async Task Run(PactBuilder pact, Func<CloudClient, Task> test, string folder)
    {
        using var server = pact.StartMockServer();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        await test(new CloudClient(http, "consumer-token"));
        server.WritePact(folder);
    }

    private async Task ServiceStage()
    {
        using var pact = new PactBuilder(Consumer, "servicestage");
        var path = $"/v2/{Project}/cas/applications/{Application}/components/{Component}/instances/{Instance}";
        pact.UponReceiving("the second page of an instance's snapshots")
            .Given("a known parent with records", Parent("instance_id", Instance, 12))
            .WithRequest("GET", path + "/snapshots").WithQuery("limit", "5").WithQuery("offset", "5")
            .WithHeader("X-Auth-Token", Token())
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject
            {
                ["count"] = Match.Integer(12),
                ["snapshots"] = Match.EachLike(new JsonObject
                {
                    ["create_time"] = Match.Integer(1748735999800),
                    ["description"] = Match.Type("{\"action\":\"New Version: 1.0.6\"}"),
                    ["instance_id"] = Instance,
                    ["version"] = Match.Regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", "1.0.6"),
                }),
            });
        pact.UponReceiving("scaling an instance to 4")
            .Given("a known parent with records", Parent("instance_id", Instance, 12))
            .WithRequest("POST", path + "/action").WithHeader("X-Auth-Token", Token()).WithHeader("Content-Type", "application/json")
            .WithJsonBody(new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject { ["replica"] = 4 } })
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject { ["job_id"] = Match.Regex("^JOB[0-9a-f-]{36}$", "JOB66761060-f209-407c-a093-4df6f531b9dc") });
        pact.UponReceiving("a rollback to a version the instance lacks")
            .Given("a known parent with records", Parent("instance_id", Instance, 12))
            .WithRequest("POST", path + "/action").WithHeader("X-Auth-Token", Token()).WithHeader("Content-Type", "application/json")
            .WithJsonBody(new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = "9.9.9" } })
            .WillRespondWith(400)
            .WithJsonBody(new JsonObject { ["error_code"] = "SVCSTG.00100400", ["error_message"] = Match.Type("no such version") });
        pact.UponReceiving("the newest history entry of a configuration file")
            .Given("a known parent with records", Parent("config_id", "f5a52d93-1587-45cf-b8fe-5c7f204b98d1", 12))
            .WithRequest("GET", $"/v3/{Project}/cas/configs/f5a52d93-1587-45cf-b8fe-5c7f204b98d1/histories").WithQuery("limit", "1")
            .WithHeader("X-Auth-Token", Token())
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject
            {
                ["count"] = Match.Integer(12),
                ["histories"] = Match.EachLike(new JsonObject
                {
                    ["config_history_id"] = Match.Type("e9c52a5f-0f7c-48a2-b89c-29dd349d1a35"),
                    ["version"] = Match.Regex("^v[0-9]+$", "v12"),
                    ["content"] = Match.Type("testKey = valueModify"),
                    ["sensitive"] = Match.Type(false),
                    ["create_time"] = Match.Integer(1717491574202),
                }),
            });

        await Run(pact, async client =>
        {
            var page = await client.InstanceSnapshotsAsync(Project, Application, Component, Instance, limit: 5, offset: 5);
            Assert.Equal(12, page.Count);
            Assert.Equal("1.0.6", page.Snapshots[0].Version);
            Assert.StartsWith("JOB", (await client.ScaleAsync(Project, Application, Component, Instance, 4)).JobId, StringComparison.Ordinal);
            var error = await Assert.ThrowsAsync<ApiException>(() => client.RollbackAsync(Project, Application, Component, Instance, "9.9.9"));
            Assert.Equal(400, error.Status);
            Assert.Contains("SVCSTG.00100400", error.Body, StringComparison.Ordinal);
            var history = await client.ConfigHistoriesAsync(Project, "f5a52d93-1587-45cf-b8fe-5c7f204b98d1", limit: 1);
            Assert.Equal("v12", history.Histories[0].Version);
        }, _pacts);
    }

    private async Task Dsw()
    {
        using var pact = new PactBuilder(Consumer, "pai-dsw");
        pact.UponReceiving("the first page of a DSW instance's snapshots")
            .Given("a known parent with records", Parent("InstanceId", "dsw-730xxxxxxxxxx", 12))
            .WithRequest("GET", "/api/v2/instances/dsw-730xxxxxxxxxx/snapshots").WithQuery("PageNumber", "1").WithQuery("PageSize", "5")
            .WithHeader("Authorization", Match.Regex("^acs .+$", "acs consumer-token"))
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject
            {
                ["Success"] = true,
                ["TotalCount"] = Match.Integer(12),
                ["Snapshots"] = Match.EachLike(new JsonObject
                {
                    ["SnapshotId"] = Match.Regex("^snp-[0-9a-z]+$", "snp-05cexxxxxxxxx"),
                    ["Status"] = Match.Type("Available"),
                    ["GmtCreateTime"] = Match.Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", "2021-01-12T14:36:01Z"),
                }),
            });
        await Run(pact, async client =>
        {
            var page = await client.DswSnapshotsAsync("dsw-730xxxxxxxxxx", 1, 5);
            Assert.True(page.Success);
            Assert.Equal(2021, page.Snapshots[0].GmtCreateTime.Year);
        }, _pacts);
    }

    private async Task Evs()
    {
        using var pact = new PactBuilder(Consumer, "evs");
        pact.UponReceiving("a limited page of available snapshots with a next link")
            .Given("a known parent with records", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966", 12))
            .WithRequest("GET", "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail").WithQuery("limit", "2")
            .WithHeader("X-Auth-Token", Token())
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject
            {
                ["count"] = Match.Integer(12),
                ["snapshots"] = Match.EachLike(new JsonObject { ["id"] = Match.Type("fc05d5d7-7e99-42fb-b6f2-9ddd1b990e67"), ["status"] = Match.Type("available"), ["size"] = Match.Integer(1) }),
                ["snapshots_links"] = Match.EachLike(new JsonObject { ["href"] = Match.Regex("^http.*marker=.+$", "https://172.28.9.185:8776/v2/p/snapshots/detail?limit=1&marker=fc05d5d7"), ["rel"] = "next" }),
            });
        await Run(pact, async client =>
        {
            var page = await client.EvsSnapshotsAsync("20a68d6b7a124ae2b6b8a22046ee5966", limit: 2);
            Assert.Equal("next", page.Links![0].Rel);
        }, _pacts);
    }

    [Fact]
    public async Task ExampleClient_GetsWithoutBodyOrContentType_AndTheStubAnswersThemAsTheServiceWould()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });
        var sent = new List<HttpRequestMessage>();
        using var http = new HttpClient(new Recorder(sent)) { BaseAddress = new Uri(stub.Url) };
        var client = new CloudClient(http, "consumer-token");

        var snapshots = await client.InstanceSnapshotsAsync(Project, Application, Component, Instance, limit: 5);
        var histories = await client.ConfigHistoriesAsync(Project, "f5a52d93-1587-45cf-b8fe-5c7f204b98d1", limit: 1);
        var evs = await client.EvsSnapshotsAsync("20a68d6b7a124ae2b6b8a22046ee5966", limit: 2);
        var job = await client.ScaleAsync(Project, Application, Component, Instance, 2);

        Assert.Equal((25, 5, 1), (snapshots.Count, snapshots.Snapshots.Count, histories.Histories.Count));
        Assert.StartsWith(stub.Url, evs.Links![0].Href, StringComparison.Ordinal);
        Assert.StartsWith("JOB", job.JobId, StringComparison.Ordinal);
        Assert.All(sent.Where(r => r.Method == HttpMethod.Get), r => Assert.Null(r.Content));
        Assert.Equal("application/json", Assert.Single(sent, r => r.Method == HttpMethod.Post).Content!.Headers.ContentType!.MediaType);

        // The stub journals a request just after answering it: wait for all four, then read their notes.
        for (var i = 0; i < 400 && stub.Journal.Newest().Count() < 4; i++) await Task.Delay(25);
        var notes = stub.Journal.Newest().ToDictionary(e => e.ApiId!, e => string.Join("; ", e.Notes));
        Assert.Equal("missing documented header Content-Type", notes["servicestage-instance-snapshots"]);
        Assert.Equal("missing documented header Content-Type", notes["servicestage-config-histories"]);
        Assert.Equal(string.Empty, notes["evs-snapshots-detail"]);
        Assert.Equal(string.Empty, notes["servicestage-instance-action"]);
    }

    // Keeps each request the client sends, to look at what went on the wire.
    private sealed class Recorder(List<HttpRequestMessage> sent) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task ExampleClient_ConsumerPacts_AreWrittenCheckedAndVerifiedAgainstTheStub()
    {
        await ServiceStage();
        await Dsw();
        await Evs();

        var files = Directory.GetFiles(_pacts, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        var checker = new ConsumerPactChecker(Repo.Catalog);
        foreach (var file in files)
        {
            var problems = checker.Check(JsonNode.Parse(File.ReadAllText(file))!);
            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }

        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });
        var result = ProviderVerifier.Verify(new VerificationOptions(new Uri(stub.Url), [_pacts], new Uri(stub.Url + "/__stub/provider-states?admin_token=" + stub.AdminToken), TimeSpan.FromSeconds(10)));
        Assert.True(result.Passed, string.Join('\n', result.Interactions.Where(i => !i.Passed).Select(i => $"{i.Description}: {string.Join("; ", i.Mismatches)}")));
        Assert.Equal(6, result.Interactions.Count);
    }
}
