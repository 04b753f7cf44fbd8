using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Pact.Builder;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Pact.Tests;

/// <summary>One stub server for the class: the verifier only reads from it.</summary>
public sealed class PactCliStub : IDisposable
{
    public StubServer Server { get; } = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });

    public void Dispose() => Server.Dispose();
}

/// <summary>The Pact CLI's verifier (a separate engine build, fetched from npm by the build) accepts pacts our binding writes.</summary>
public sealed class PactCliTests(PactCliStub fixture) : IClassFixture<PactCliStub>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pact-cli").FullName;
    private readonly StubServer _stub = fixture.Server;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WritePact(JsonNode count)
    {
        using var pact = new PactBuilder("binding-written", "evs");
        pact.UponReceiving("a page of EVS snapshots")
            .Given("a known parent with records", new Dictionary<string, JsonNode?> { ["project_id"] = "20a68d6b7a124ae2b6b8a22046ee5966", ["size"] = 4 })
            .WithRequest("GET", "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail")
            .WithHeader("X-Auth-Token", Match.Regex("^.+$", "t")).WithHeader("Content-Type", "application/json")
            .WillRespondWith(200)
            .WithJsonBody(new JsonObject { ["count"] = count, ["snapshots"] = Match.EachLike(new JsonObject { ["id"] = Match.Type("x"), ["size"] = Match.Integer(1) }) });
        pact.WritePact(_folder);
        return Path.Combine(_folder, "binding-written-evs.json");
    }

    private (int Exit, string Output) Verify(string file)
    {
        var run = Verifiers.PactCli(_stub, [file]);
        return (run.Exit, run.Output);
    }

    [Fact]
    public void PactWrittenByOurBinding_IsVerifiedByThePactCli()
    {
        var (exit, output) = Verify(WritePact(Match.Integer(4)));

        Assert.True(exit == 0, output);
        Assert.Contains("a page of EVS snapshots", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePactCli_FailsABrokenExpectationToo()
    {
        var (exit, output) = Verify(WritePact(JsonValue.Create(5)));

        Assert.NotEqual(0, exit);
        Assert.Contains("$.count", output, StringComparison.Ordinal);
    }
}
