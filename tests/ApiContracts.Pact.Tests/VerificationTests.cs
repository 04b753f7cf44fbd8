using ApiContracts.Core.Tests;
using ApiContracts.Pact.Verification;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Pact.Tests;

public sealed class VerificationTests : IDisposable
{
    private readonly StubServer _stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });

    public void Dispose() => _stub.Dispose();

    private VerificationOptions Options(params string[] sources) =>
        new(new Uri(_stub.Url), sources, new Uri(_stub.Url + "/__stub/provider-states?admin_token=" + _stub.AdminToken), TimeSpan.FromSeconds(10));

    [Fact]
    public void EveryGeneratedPact_VerifiesAgainstTheStubServer()
    {
        var result = ProviderVerifier.Verify(Options(Path.Combine(Repo.Root, "contracts", "pacts")));

        var failures = result.Interactions.Where(i => !i.Passed).Select(i => $"{i.Description}: {string.Join("; ", i.Mismatches)}");
        Assert.True(result.Passed, string.Join('\n', failures));
        Assert.True(result.Interactions.Count >= 30, $"{result.Interactions.Count} interactions");
    }
}

public sealed class PlantedBreakTests : IDisposable
{
    private readonly StubServer _stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0 });

    public void Dispose() => _stub.Dispose();

    private const string EvsPath = "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail";

    private VerificationResult VerifyEvs()
    {
        _stub.RefreshRouting();
        return ProviderVerifier.Verify(new VerificationOptions(new Uri(_stub.Url), [Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-evs.json")], new Uri(_stub.Url + "/__stub/provider-states?admin_token=" + _stub.AdminToken), TimeSpan.FromSeconds(10)));
    }

    private void Override(string path, bool limitAbsent, int status, string body) =>
        _stub.WireMock.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).UsingGet().WithParam(q => limitAbsent ? q is null || !q.ContainsKey("limit") : q is not null && q.ContainsKey("limit")))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public void WrongType_FailsNamingTheInteractionAndPath()
    {
        Override(EvsPath, limitAbsent: true, 200, """{"count": "12", "snapshots": []}""");

        var result = VerifyEvs();

        var failed = Assert.Single(result.Interactions, i => i.Description == "evs-snapshots-detail: the default page");
        Assert.False(failed.Passed);
        Assert.Contains(failed.Mismatches, m => m.Contains("$.count", StringComparison.Ordinal));
        Assert.False(result.Passed);
    }

    [Fact]
    public void MissingField_FailsNamingThePath()
    {
        Override(EvsPath, limitAbsent: false, 200, """{"count": 12, "snapshots": [{"status": "available"}], "snapshots_links": [{"href": "http://x/y?marker=z", "rel": "next"}]}""");

        var result = VerifyEvs();

        var failed = Assert.Single(result.Interactions, i => i.Description == "evs-snapshots-detail: an explicit page");
        Assert.False(failed.Passed);
        Assert.False(result.Passed);
        Assert.Contains(failed.Mismatches, m => m.Contains("$.snapshots[0]", StringComparison.Ordinal) && m.Contains("id", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongStatus_FailsNamingTheStatus()
    {
        Override("/v2/no-such-project-id/cloudsnapshots/detail", limitAbsent: true, 200, """{"count": 0, "snapshots": []}""");

        var result = VerifyEvs();

        var failed = Assert.Single(result.Interactions, i => i.Description == "evs-snapshots-detail: an unknown project_id is not found");
        Assert.False(failed.Passed);
        Assert.True(result.Interactions.Single(i => i.Description == "evs-snapshots-detail: the default page").Passed);
        Assert.Contains(failed.Mismatches, m => m.Contains("404", StringComparison.Ordinal) && m.Contains("200", StringComparison.Ordinal));
    }
}
