using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Core.Tests;
using ApiContracts.Pact.Verification;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Pact.Tests;

/// <summary>Two stub servers with different seeds and sizes, as two independent providers would be.</summary>
public sealed class TwoSeedStubs : IDisposable
{
    public StubServer[] Servers { get; } =
    [
        StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Settings = new StubSettings { Seed = 7, Size = 25 } }),
        StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Settings = new StubSettings { Seed = 90210, Size = 3 } }),
    ];

    public void Dispose()
    {
        foreach (var server in Servers) server.Dispose();
    }
}

/// <summary>
/// The reference pacts hold for any conforming provider and any Pact verifier: three independent verifiers
/// (the Pact CLI with its default options, with --state-change-teardown and with --state-change-as-query;
/// pact-js's Verifier; our own engine binding) each pass every interaction against stubs started with two
/// different seeds and sizes, twice in a row against one server, and in any interaction order. The tests
/// of this class run one at a time, so no two verifiers change one server's states at once.
/// </summary>
public sealed class AnyVerifierTests(TwoSeedStubs stubs) : IClassFixture<TwoSeedStubs>, IDisposable
{
    private static readonly IReadOnlyList<string> Expected = Verifiers.Descriptions(Verifiers.ReferencePacts);
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-any-verifier").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void CliPassedEvery(VerifierRun run, IReadOnlyList<string>? expected = null)
    {
        var results = Verifiers.CliResults(run.Output);
        Assert.True(run.Exit == 0, run.Output);
        Assert.Equal((expected ?? Expected).Order(StringComparer.Ordinal), results.Keys.Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.True(r.Value, $"{r.Key} failed:\n{run.Output}"));
    }

    private static void JsPassedEvery(VerifierRun run)
    {
        Assert.True(run.Exit == 0, run.Output);
        Assert.Equal((Expected.Count, 0), Verifiers.JsSummary(run.Output));
    }

    // Every parent as the definitions have it: none a provider state made, changed or removed.
    private static bool AsStarted(StubServer stub)
    {
        var parents = stub.Engine.Parents.ByApi();
        return Repo.Catalog.Apis.All(a => parents[a.Id].Count == a.Dataset.Parents.Count
            && a.Dataset.Parents.All(p => stub.Engine.Parents.Find(a, p) is { FromState: false }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PactCli_WithDefaultOptions_NoTeardown_VerifiesEveryReferenceInteraction(int server) =>
        CliPassedEvery(Verifiers.PactCli(stubs.Servers[server], Verifiers.ReferencePacts));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PactCli_WithStateChangeTeardown_VerifiesEveryInteraction_AndLeavesTheParentsAsStarted(int server)
    {
        var run = Verifiers.PactCli(stubs.Servers[server], Verifiers.ReferencePacts, "--state-change-teardown");

        CliPassedEvery(run);
        Assert.True(AsStarted(stubs.Servers[server]), "a teardown left a parent changed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PactCli_WithStateChangeAsQuery_VerifiesEveryReferenceInteraction(int server) =>
        CliPassedEvery(Verifiers.PactCli(stubs.Servers[server], Verifiers.ReferencePacts, "--state-change-as-query"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PactJs_Verifier_VerifiesEveryReferenceInteraction(int server) =>
        JsPassedEvery(Verifiers.PactJs(stubs.Servers[server], Verifiers.ReferencePacts));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void OurVerifier_VerifiesEveryReferenceInteraction(int server)
    {
        var stub = stubs.Servers[server];

        var result = ProviderVerifier.Verify(new VerificationOptions(new Uri(stub.Url), Verifiers.ReferencePacts, new Uri(Verifiers.StateUrl(stub)), TimeSpan.FromSeconds(30)));

        Assert.True(result.Passed, string.Join('\n', result.Interactions.Where(i => !i.Passed).Select(i => $"{i.Description}: {string.Join("; ", i.Mismatches)}")));
        Assert.Equal(Expected.Order(StringComparer.Ordinal), result.Interactions.Select(i => i.Description).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TwiceInARow_AgainstTheSameServer_WithoutTeardown_BothVerifiersPassAgain()
    {
        var stub = stubs.Servers[1];

        var first = Verifiers.PactCli(stub, Verifiers.ReferencePacts);
        var leftOver = !AsStarted(stub); // the last setups stay: a failing parent, a missing one
        var second = Verifiers.PactCli(stub, Verifiers.ReferencePacts);
        var js = Verifiers.PactJs(stub, Verifiers.ReferencePacts);
        var jsAgain = Verifiers.PactJs(stub, Verifiers.ReferencePacts);

        CliPassedEvery(first);
        Assert.True(leftOver, "the run without teardown left nothing behind, so the second run proves nothing");
        CliPassedEvery(second);
        JsPassedEvery(js);
        JsPassedEvery(jsAgain);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20240611)]
    public void InAnyInteractionOrder_ThePactCliPasses(int shuffle)
    {
        // Each pact with its interactions reversed and then shuffled (a fixed seed, so a failure replays).
        var random = new Random(shuffle);
        var files = new List<string>();
        foreach (var file in Verifiers.ReferencePacts)
        {
            var pact = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var interactions = pact["interactions"]!.AsArray().Select(i => i!.DeepClone()).Reverse().ToArray();
            random.Shuffle(interactions);
            pact["interactions"] = new JsonArray(interactions);
            var copy = Path.Combine(_folder, Path.GetFileName(file));
            File.WriteAllText(copy, CanonicalJson.Write(pact));
            files.Add(copy);
        }

        CliPassedEvery(Verifiers.PactCli(stubs.Servers[0], files));
    }

    [Fact]
    public void PactJs_FailsAnInteractionTheProviderBreaks_NamingIt()
    {
        // A consumer expecting a 200 where the provider fails: pact-js must report it, or its passes mean nothing.
        var pact = JsonNode.Parse(File.ReadAllText(Verifiers.ReferencePacts.Single(p => p.EndsWith("-evs.json", StringComparison.Ordinal))))!.AsObject();
        var fails = pact["interactions"]!.AsArray().Single(i => (string?)i!["description"] == "evs-snapshots-detail: the provider fails")!;
        fails["response"]!["status"] = 200;
        var broken = Path.Combine(_folder, "broken-evs.json");
        File.WriteAllText(broken, CanonicalJson.Write(pact));

        var run = Verifiers.PactJs(stubs.Servers[0], [broken]);

        Assert.Equal(1, run.Exit);
        Assert.Contains("FAILED evs-snapshots-detail: the provider fails:", run.Output, StringComparison.Ordinal);
        Assert.Equal((pact["interactions"]!.AsArray().Count, 1), Verifiers.JsSummary(run.Output));
    }
}
