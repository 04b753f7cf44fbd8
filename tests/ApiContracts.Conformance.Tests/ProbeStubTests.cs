using ApiContracts.Conformance.Probe;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Conformance.Tests;

/// <summary>The first proof: against the stub server, with several seeds and dataset sizes, every check holds.</summary>
public sealed class ProbeStubTests
{
    private static ProbeReport Probe(StubServer stub, ulong seed = 1, int maxRequests = 2000, IReadOnlyList<string>? apis = null) =>
        Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri(stub.Url), Seed = seed, MaxRequests = maxRequests, Apis = apis ?? [] });

    private static string Failures(ProbeReport report) =>
        string.Join("\n", report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => $"{c.Api} {c.Id}: {c.Reason}\n  {c.Rule}\n  {c.Evidence?.Request}\n  {c.Evidence?.Excerpt()}"));

    [Theory]
    [InlineData(1UL, 25L, 3UL)]
    [InlineData(7UL, 103L, 1UL)]
    [InlineData(20261123UL, 31L, 99UL)]
    public void Stub_EveryCheckHolds_NoneSkipped(ulong stubSeed, long size, ulong probeSeed)
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Seed = stubSeed, Size = size } });

        var report = Probe(stub, probeSeed);

        Assert.True(report.Passed, Failures(report));
        Assert.True(report.Stub);
        Assert.Empty(report.Checks.Where(c => c.Outcome == CheckOutcome.Skipped).Select(c => $"{c.Api} {c.Id}: {c.Reason}"));
        Assert.Equal(Repo.Catalog.Apis.Select(a => a.Id), report.Apis.Select(a => a.Id));
        Assert.All(report.Apis.Where(a => a.Total is not null), a => Assert.Equal(size, a.Total));
        // Every list API gets the rules of issue 13, named by what they check.
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null))
        {
            var ids = report.Checks.Where(c => c.Api == api.Id).Select(c => c.Id).ToList();
            foreach (var prefix in new[] { "walk[", "total.matches-walk", "total.independent-of-page", "partition[", "order.default", "default-page[]", "rejected[", "auth.missing", "parent.unknown[", "schema" })
            {
                Assert.Contains(ids, id => id.StartsWith(prefix, StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    public void Stub_SmallLists_NothingFails_AndWhatCannotRunIsSkippedWithItsReason(long size)
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Seed = 5, Size = size } });

        var report = Probe(stub);

        Assert.True(report.Passed, Failures(report));
        Assert.All(report.Checks.Where(c => c.Outcome == CheckOutcome.Skipped), c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        // A list of 0 or 1 item has no partition to check: the checks say so instead of passing.
        Assert.All(report.Checks.Where(c => c.Id.StartsWith("partition[", StringComparison.Ordinal)), c => Assert.Equal(CheckOutcome.Skipped, c.Outcome));
        if (size < 2) Assert.Contains(report.Checks, c => c.Id == "order.default" && c.Outcome == CheckOutcome.Skipped && c.Reason!.Contains("an order needs 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_BoundsTheRun_AndWhatItCannotPayForIsSkipped_NeverPassed()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10 });

        var report = Probe(stub, maxRequests: 30);

        Assert.InRange(report.Requests, 1, 30);
        Assert.True(report.Passed, Failures(report));
        var skipped = report.Checks.Where(c => c.Outcome == CheckOutcome.Skipped).ToList();
        Assert.NotEmpty(skipped);
        Assert.Contains(skipped, c => c.Reason!.Contains("--max-requests 30", StringComparison.Ordinal));
        // The checks that needed requests past the budget are all reported, none as passed.
        Assert.Equal(report.Checks.Count, report.Checks.Select(c => (c.Api, c.Id)).Distinct().Count());
        Assert.True(report.Checks.Count(c => c.Outcome == CheckOutcome.Passed) < 60, $"{report.Checks.Count(c => c.Outcome == CheckOutcome.Passed)} passed on a budget of 30");
    }

    [Fact]
    public void EveryCheck_NamesItsRule_ByDefinitionPointerAndAssumption()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10 });

        var report = Probe(stub, apis: ["servicestage-instance-snapshots", "evs-snapshots-detail"]);

        Assert.All(report.Checks, c =>
        {
            Assert.Equal(c.Api, c.Rule.Definition);
            Assert.StartsWith("/", c.Rule.Pointer, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(c.Rule.Statement));
            Assert.All(c.Rule.Assumptions, a => Assert.Contains(Repo.Catalog.Api(c.Api).Assumptions, x => x.Id == a));
        });
        var clamp = report.Checks.Single(c => c.Api == "servicestage-instance-snapshots" && c.Id == "page-size[limit=101]");
        Assert.Equal("/request/query/limit", clamp.Rule.Pointer);
        Assert.Contains("A1", clamp.Rule.Assumptions);
        Assert.Contains("any other integer gives 10 items", clamp.Rule.Statement, StringComparison.Ordinal);
        var links = report.Checks.Single(c => c.Api == "evs-snapshots-detail" && c.Id == "links.when");
        Assert.Equal("/pagination/links", links.Rule.Pointer);
        Assert.Contains("A12", links.Rule.Assumptions);
    }

    [Fact]
    public void StrictStub_StillAnswersEveryCheck_BecauseTheProbeSendsTheDocumentedHeaders()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Strict = true } });

        var report = Probe(stub, apis: ["servicestage-config-histories", "servicestage-instance-action"]);

        Assert.True(report.Passed, Failures(report));
    }

    [Fact]
    public void StubWithAToken_WithoutTheCredential_FailsWithTheApis401_AndWithItPasses()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Token = "s3cret" } });

        var refused = Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri(stub.Url), Apis = ["evs-snapshots-detail"] });
        var accepted = Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri(stub.Url), Apis = ["evs-snapshots-detail"], Credentials = [new("X-Auth-Token", "s3cret")] });

        Assert.False(refused.Passed);
        Assert.Contains(refused.Checks, c => c.Id == "default-page[]" && c.Outcome == CheckOutcome.Failed && c.Evidence!.Status == 401);
        Assert.True(accepted.Passed, Failures(accepted));
        // The credential never shows in a report.
        Assert.All(refused.Checks.Where(c => c.Evidence is not null), c => Assert.DoesNotContain(c.Evidence!.Request.Headers, h => h.Value.Contains("s3cret", StringComparison.Ordinal)));
        Assert.Contains(refused.Checks.First(c => c.Evidence is not null).Evidence!.Request.Headers, h => h.Key == "X-Auth-Token" && h.Value == "[redacted]");
    }

    [Fact]
    public void UnreachableProvider_IsReported_NotProbed()
    {
        var port = FreePort();

        var ex = Assert.Throws<ProviderUnreachableException>(() => Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}") }));

        Assert.Contains("does not answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ReportEveryProblemAtOnce()
    {
        var options = new ProbeOptions
        {
            BaseUrl = new Uri("ftp://example.com"),
            Apis = ["no-such-api"],
            Parents = new Dictionary<string, string> { ["no_such_parameter"] = "x", ["instance_id"] = "a/b" },
            MaxRequests = 0,
        };

        var problems = options.Problems(Repo.Catalog);

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--base-url 'ftp://example.com/'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--api 'no-such-api'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--parent 'no_such_parameter'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--parent instance_id='a/b'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--max-requests 0", StringComparison.Ordinal));
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
