using ApiContracts.Core.Tests;
using FsCheck.Xunit;

namespace ApiContracts.Properties.Tests;

/// <summary>The paging properties against the pagination model in-process: thousands of cases each.</summary>
public sealed class InProcessPagingProperties
{
    private readonly InProcessDriver _driver = new();

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000)]
    public void InstanceSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("servicestage-instance-snapshots"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000)]
    public void ConfigHistories_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("servicestage-config-histories"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000)]
    public void DswSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("pai-dsw-instance-snapshots"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000)]
    public void EvsSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("evs-snapshots-detail"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void Walks_ReturnEveryRecordOnce(WalkCase w)
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null)) PagingProperties.WalkReturnsEveryRecordOnce(_driver, api, w);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void SameBytes_AndReseedKeepsTheRules(PageCase c, ulong seed)
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null)) PagingProperties.SameRequestSameBytes_ReseedKeepsTheRules(_driver, api, c, seed);
    }
}

/// <summary>
/// The same properties over real HTTP against a running stub server: hundreds of cases each. One server
/// serves the class; each case sets the dataset size it needs, and a reseed is undone in a finally.
/// </summary>
public sealed class HttpPagingProperties(HttpDriver driver) : IClassFixture<HttpDriver>
{
    private readonly HttpDriver _driver = driver;

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void InstanceSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("servicestage-instance-snapshots"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void ConfigHistories_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("servicestage-config-histories"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void DswSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("pai-dsw-instance-snapshots"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void EvsSnapshots_Requests(PageCase c) => PagingProperties.RequestFollowsTheDocument(_driver, Repo.Catalog.Api("evs-snapshots-detail"), c);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Walks_ReturnEveryRecordOnce(WalkCase w)
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null)) PagingProperties.WalkReturnsEveryRecordOnce(_driver, api, w);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void SameBytes_AndReseedKeepsTheRules(PageCase c, ulong seed)
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null)) PagingProperties.SameRequestSameBytes_ReseedKeepsTheRules(_driver, api, c, seed);
    }
}
