using ApiContracts.Conformance.Probe;
using ApiContracts.Core.Tests;

namespace ApiContracts.Conformance.Tests;

/// <summary>
/// The second proof: providers with one bug each, planted by a proxy in front of the stub. The probe fails on
/// each, and the failure names the rule the bug breaks; the same proxy without a bug passes every check.
/// </summary>
public sealed class BrokenProviderTests
{
    private static async Task<ProbeReport> Probe(ProviderBug bug, params string[] apis)
    {
        await using var provider = await BrokenProvider.Start(bug);
        return Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = provider.Url, Apis = apis, Seed = 3 });
    }

    private static string Show(ProbeReport report) =>
        string.Join("\n", report.Checks.Where(c => c.Outcome != CheckOutcome.Passed).Select(c => $"{c.Outcome} {c.Api} {c.Id}: {c.Reason}"));

    [Fact]
    public async Task Control_ThroughTheSameProxy_PassesEveryCheckOfEveryApi()
    {
        var report = await Probe(ProviderBug.None);

        Assert.True(report.Passed, Show(report));
        Assert.Equal(0, report.Count(CheckOutcome.Skipped));
        Assert.Equal(5, report.Apis.Count);
    }

    [Theory]
    [InlineData(ProviderBug.TotalIsThePageLength, "servicestage-config-histories", "total.independent-of-page", "/pagination/total", "this page reports count")]
    [InlineData(ProviderBug.OffByOneOffset, "servicestage-instance-snapshots", "partition[limit=3&offset=0]", "/pagination", "a gap")]
    [InlineData(ProviderBug.ZeroBasedPageNumber, "pai-dsw-instance-snapshots", "rejected[PageNumber=0]", "/request/query/PageNumber", "expected the API's 400, got 200")]
    [InlineData(ProviderBug.ZeroBasedPageNumber, "pai-dsw-instance-snapshots", "page[PageNumber=3&PageSize=10]", "/request/query/PageNumber", "the page holds 0 items; expected 5")]
    [InlineData(ProviderBug.ZeroBasedPageNumber, "pai-dsw-instance-snapshots", "total.matches-walk", "/pagination/total", "reached 0 items")]
    [InlineData(ProviderBug.ClampIgnored, "servicestage-instance-snapshots", "page-size[limit=101]", "/request/query/limit", "expected 10")]
    [InlineData(ProviderBug.NextLinkOnTheLastPage, "evs-snapshots-detail", "links.when", "/pagination/links", "none follow")]
    [InlineData(ProviderBug.MissingNextLink, "evs-snapshots-detail", "links.when", "/pagination/links", "no next link")]
    [InlineData(ProviderBug.MissingNextLink, "evs-snapshots-detail", "partition[limit=3]", "/pagination", "the walk ended after 3 items")]
    [InlineData(ProviderBug.AscIgnored, "servicestage-config-histories", "order.reverse[limit=100&offset=0&order=asc]", "/request/query/order", "item 0 of the walk")]
    [InlineData(ProviderBug.ForeignErrorFormat, "pai-dsw-instance-snapshots", "rejected[PageSize=101]", "/request/query/PageSize", "is not the API's error body")]
    [InlineData(ProviderBug.ForeignErrorFormat, "servicestage-instance-action", "required[/parameters/replica when /action=scale]", "/request/body/parameters/replica", "is not the API's error body")]
    [InlineData(ProviderBug.DuplicateAcrossPageBoundary, "servicestage-config-histories", "partition[limit=3&offset=0]", "/pagination", "came twice")]
    public async Task PlantedBug_FailsTheProbe_NamingTheRule(ProviderBug bug, string apiId, string checkId, string pointer, string reason)
    {
        var report = await Probe(bug, apiId);

        Assert.False(report.Passed, $"{bug} went unnoticed:\n{Show(report)}");
        var check = report.Checks.SingleOrDefault(c => c.Api == apiId && c.Id == checkId);
        Assert.True(check is { Outcome: CheckOutcome.Failed }, $"{checkId} did not fail:\n{Show(report)}");
        Assert.Equal(pointer, check.Rule.Pointer);
        Assert.Equal(apiId, check.Rule.Definition);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
        Assert.NotNull(check.Evidence);
    }

    [Fact]
    public async Task NotTheStub_WithoutParents_IsRefused_NamingWhatToGive_AndWithThemItRuns()
    {
        await using var provider = await BrokenProvider.Start(ProviderBug.NotTheStub);
        var api = Repo.Catalog.Api("evs-snapshots-detail");

        var refused = Assert.Throws<ArgumentException>(() => Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = provider.Url, Apis = [api.Id] }));
        var report = Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = provider.Url, Apis = [api.Id], Parents = api.Dataset.Parents[0] });

        Assert.Contains("is not the stub server", refused.Message, StringComparison.Ordinal);
        Assert.Contains("evs-snapshots-detail needs --parent project_id=<value>", refused.Message, StringComparison.Ordinal);
        Assert.False(report.Stub);
        Assert.True(report.Passed, Show(report));
    }
}
