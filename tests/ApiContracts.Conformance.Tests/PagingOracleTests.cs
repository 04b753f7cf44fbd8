using System.Xml.Linq;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Conformance.Probe;
using ApiContracts.Conformance.Reports;
using ApiContracts.Core.Routing;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Conformance.Tests;

/// <summary>The oracle's rules, read off each definition, on small lists whose answers are known by hand.</summary>
public sealed class PagingOracleTests
{
    /// <summary>A list of <paramref name="size"/> items keyed k0, k1, ...; item i has status s(i mod 3).</summary>
    private sealed class Items(long size) : IListUnderTest
    {
        public long Count(IReadOnlyList<FilterValue> filters) => Kept(filters).Count;

        public long? StartAfter(string marker, IReadOnlyList<FilterValue> filters)
        {
            if (!marker.StartsWith('k') || !long.TryParse(marker[1..], out var index) || index >= size) return null;
            return Kept(filters).Count(i => i <= index);
        }

        private List<long> Kept(IReadOnlyList<FilterValue> filters) =>
            Enumerable.Range(0, (int)size).Select(i => (long)i).Where(i => filters.All(f => f.Keeps($"s{i % 3}"))).ToList();
    }

    private static Expectation Expect(string apiId, string query, long size = 25) =>
        PagingOracle.Expect(Repo.Catalog.Api(apiId), QueryString.Parse(query), new Items(size));

    [Theory]
    [InlineData("limit=101", 10)]
    [InlineData("limit=-5", 10)]
    [InlineData("limit=1000", 25)]
    [InlineData("limit=100", 25)]
    [InlineData("limit=0", 0)]
    [InlineData("", 25)]
    public void ClampingLimit_HonouredValuesAsGiven_OthersTheFallback(string query, int count)
    {
        var expected = Expect("servicestage-instance-snapshots", query);

        Assert.False(expected.IsRejection);
        Assert.Equal(25, expected.Total);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), expected.Positions);
    }

    [Theory]
    [InlineData("servicestage-config-histories", "limit=101", "limit")]
    [InlineData("servicestage-config-histories", "limit=abc&offset=-1", "limit,offset")]
    [InlineData("servicestage-config-histories", "limit=1&limit=2", "limit")]
    [InlineData("servicestage-config-histories", "order=sideways&unlisted=1", "order")]
    [InlineData("pai-dsw-instance-snapshots", "PageNumber=0&Order=desc", "PageNumber,Order")]
    [InlineData("evs-snapshots-detail", "limit=0", "limit")]
    [InlineData("evs-snapshots-detail", "marker=nobody", "marker")]
    public void BadInput_IsRejected_NamingEachParameter(string apiId, string query, string rejected) =>
        Assert.Equal(rejected.Split(','), Expect(apiId, query).Rejected);

    [Fact]
    public void PageNumber_PastTheLastPage_IsEmpty_AndAscendingCountsFromTheOldest()
    {
        var past = Expect("pai-dsw-instance-snapshots", "PageNumber=4&PageSize=10");
        var ascending = Expect("pai-dsw-instance-snapshots", "PageNumber=2&PageSize=10&Order=ASC");

        Assert.Empty(past.Positions);
        Assert.Equal(25, past.Total);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 14L - i), ascending.Positions);
    }

    [Fact]
    public void Marker_StartsAfterItsItem_OffsetCountsOn_LinkOnlyWithALimitAndMoreToCome()
    {
        var page = Expect("evs-snapshots-detail", "limit=3&marker=k4");
        var skipped = Expect("evs-snapshots-detail", "limit=3&marker=k4&offset=2");
        var last = Expect("evs-snapshots-detail", "limit=3&marker=k21");
        var unlimited = Expect("evs-snapshots-detail", "", size: 1500);

        Assert.Equal([5L, 6, 7], page.Positions);
        Assert.True(page.Link);
        Assert.Equal(3, page.LinkLimit);
        Assert.Equal([7L, 8, 9], skipped.Positions);
        Assert.Equal([22L, 23, 24], last.Positions);
        Assert.False(last.Link);
        Assert.Equal(1000, unlimited.Positions.Count); // the largest page, and no link without a limit (A3)
        Assert.False(unlimited.Link);
    }

    [Fact]
    public void Filter_NarrowsTheListAndTheTotal()
    {
        var expected = Expect("evs-snapshots-detail", "status=s1&limit=2");

        Assert.Equal(8, expected.Total); // 1, 4, ..., 22
        Assert.Equal([0L, 1], expected.Positions);
        Assert.True(expected.Link);
        Assert.Equal("s1", Assert.Single(expected.Filters).Value);
    }

    [Fact]
    public void Reports_JUnitHasASuitePerApi_FailuresWithTheirRule_SkipsWithTheirReason()
    {
        using var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new() { Token = "t" } });
        var report = Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri(stub.Url), Apis = ["servicestage-instance-snapshots"], MaxRequests = 12 });

        var junit = XDocument.Parse(ProbeReports.JUnit(report)).Root!;
        var suite = Assert.Single(junit.Elements("testsuite"));
        var failed = suite.Elements("testcase").Where(c => c.Element("failure") is not null).ToList();
        var skipped = suite.Elements("testcase").Where(c => c.Element("skipped") is not null).ToList();

        Assert.Equal(report.Count(CheckOutcome.Failed), failed.Count);
        Assert.Equal(report.Count(CheckOutcome.Skipped), skipped.Count);
        Assert.NotEmpty(failed);
        Assert.NotEmpty(skipped);
        Assert.All(failed, c => Assert.StartsWith("rule: servicestage-instance-snapshots /", c.Element("failure")!.Value, StringComparison.Ordinal));
        Assert.All(skipped, c => Assert.False(string.IsNullOrWhiteSpace((string?)c.Element("skipped")!.Attribute("message"))));
        Assert.Equal(report.Checks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)junit.Attribute("tests")!);
    }
}
