using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests;

public class PagingTests(StubFixture stub) : IClassFixture<StubFixture>
{
    private static List<string> Versions(JsonNode body) => body["snapshots"]!.AsArray().Select(s => (string)s!["version"]!).ToList();

    [Theory]
    [InlineData("", 25)]
    [InlineData("?limit=10", 10)]
    [InlineData("?limit=0", 0)]
    [InlineData("?limit=100", 25)]
    [InlineData("?limit=101", 10)]
    [InlineData("?limit=999", 10)]
    [InlineData("?limit=1000", 25)]
    [InlineData("?limit=-5", 10)]
    [InlineData("?limit=10&offset=20", 5)]
    [InlineData("?offset=25", 0)]
    [InlineData("?offset=26&limit=3", 0)]
    public async Task InstanceSnapshots_FollowTheClampRule(string query, int expected)
    {
        var (status, body, text, _) = await stub.Get(Snapshots + query);

        Assert.Equal(200, status);
        Assert.Equal(25, (int)body!["count"]!);
        Assert.Equal(expected, body["snapshots"]!.AsArray().Count);
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-snapshots", "response.200", body));
        Assert.Equal(text, (await stub.Get(Snapshots + query)).Text);
    }

    [Fact]
    public async Task InstanceSnapshots_SortNewestFirstByDefault_AscendingOnRequest()
    {
        var desc = Versions((await stub.Get(Snapshots + "?limit=3")).Body!);
        var asc = Versions((await stub.Get(Snapshots + "?limit=3&order=asc")).Body!);

        Assert.Equal([OrderedVersions.Semver(25), OrderedVersions.Semver(24), OrderedVersions.Semver(23)], desc);
        Assert.Equal(["1.0.0", "1.0.1", "1.0.2"], asc);
    }

    [Theory]
    [InlineData("?limit=abc", "'abc' is not an integer")]
    [InlineData("?limit=99999999999999999999", "does not fit a 64-bit integer")]
    [InlineData("?offset=-1", "query parameter 'offset'")]
    [InlineData("?order=up", "allowed: desc, asc")]
    [InlineData("?limit=1&limit=2", "is given 2 times")]
    public async Task InstanceSnapshots_BadQueries_GetServiceStage400(string query, string words)
    {
        var answer = await stub.Get(Snapshots + query);

        ErrorAssert.IsDocumented("servicestage-instance-snapshots", 400, answer);
        Assert.Equal("SVCSTG.00100400", (string?)answer.Body!["error_code"]);
        Assert.Contains(words, (string)answer.Body["error_message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsw_PagesByNumber_WithTotalCount()
    {
        var second = (await stub.Get(Dsw + "?PageNumber=2&PageSize=10")).Body!;
        var last = (await stub.Get(Dsw + "?PageNumber=3&PageSize=10")).Body!;
        var past = (await stub.Get(Dsw + "?PageNumber=4&PageSize=10")).Body!;
        var all = (await stub.Get(Dsw + "?PageSize=100")).Body!;

        Assert.Equal(25, (int)second["TotalCount"]!);
        Assert.True((bool)second["Success"]!);
        Assert.Equal(all["Snapshots"]!.AsArray().Skip(10).Take(10).Select(s => s!.ToJsonString()), second["Snapshots"]!.AsArray().Select(s => s!.ToJsonString()));
        Assert.Equal(5, last["Snapshots"]!.AsArray().Count);
        Assert.Empty(past["Snapshots"]!.AsArray());
        Assert.Equal(25, (int)past["TotalCount"]!);
        Assert.Empty(Repo.Catalog.Validate("pai-dsw-instance-snapshots", "response.200", second));
    }

    [Fact]
    public async Task Dsw_OrderAsc_ReversesTheList()
    {
        var desc = (await stub.Get(Dsw + "?PageSize=100")).Body!["Snapshots"]!.AsArray().Select(s => (string)s!["SnapshotId"]!).ToList();
        var asc = (await stub.Get(Dsw + "?PageSize=100&Order=ASC&SortBy=gmtCreate")).Body!["Snapshots"]!.AsArray().Select(s => (string)s!["SnapshotId"]!).ToList();

        Assert.Equal(Enumerable.Reverse(desc), asc);
    }

    [Theory]
    [InlineData("?PageNumber=0", "PageNumber")]
    [InlineData("?PageSize=101", "PageSize")]
    [InlineData("?SortBy=gmtModified", "allowed: gmtCreate")]
    [InlineData("?Order=sideways", "allowed: ASC, DESC")]
    public async Task Dsw_BadQueries_GetTheAlibabaEnvelope(string query, string words)
    {
        var answer = await stub.Get(Dsw + query);

        ErrorAssert.IsDocumented("pai-dsw-instance-snapshots", 400, answer);
        Assert.False((bool)answer.Body!["Success"]!);
        Assert.Equal(400, (int)answer.Body["HttpStatusCode"]!);
        Assert.Contains(words, (string)answer.Body["Message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigHistories_RejectLimitsOutside0To100_AndSortByTheDocumentedFields()
    {
        ErrorAssert.IsDocumented("servicestage-config-histories", 400, await stub.Get(Histories + "?limit=101"));
        ErrorAssert.IsDocumented("servicestage-config-histories", 400, await stub.Get(Histories + "?order_by=size"));
        var byName = (await stub.Get(Histories + "?order_by=name&limit=100")).Body!;
        var asc = (await stub.Get(Histories + "?order_by=update_time&order=asc&limit=100")).Body!;

        Assert.Equal(25, (int)byName["count"]!);
        Assert.Equal("v25", (string?)byName["histories"]![0]!["version"]);
        Assert.Equal("v1", (string?)asc["histories"]![0]!["version"]);
        Assert.Equal(10, (await stub.Get(Histories)).Body!["histories"]!.AsArray().Count);
    }

    [Fact]
    public async Task Evs_FollowingNextLinks_ReturnsEveryMatchingSnapshotOnce()
    {
        var all = (await stub.Get(Evs + "?status=available")).Body!;
        var expected = all["snapshots"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        var seen = new List<string>();
        var url = Evs + "?status=available&limit=4";
        var pages = 0;
        while (url is not null && pages++ < 50)
        {
            var page = (await stub.Get(url)).Body!;
            Assert.Equal(expected.Count, (int)page["count"]!);
            Assert.Empty(Repo.Catalog.Validate("evs-snapshots-detail", "response.200", page));
            seen.AddRange(page["snapshots"]!.AsArray().Select(s => (string)s!["id"]!));
            Assert.All(page["snapshots"]!.AsArray(), s => Assert.Equal("available", (string?)s!["status"]));
            var next = (string?)page["snapshots_links"]?[0]?["href"];
            url = next is null ? null : new Uri(next).PathAndQuery;
        }

        Assert.Equal(expected, seen);
        Assert.Null(all["snapshots_links"]);
        Assert.True(expected.Count is > 0 and < 25);
    }

    [Fact]
    public async Task Evs_NoLinkOnTheLastPage_AndCountIgnoresPaging()
    {
        var whole = (await stub.Get(Evs + "?limit=25")).Body!;
        var part = (await stub.Get(Evs + "?limit=24")).Body!;
        var offset = (await stub.Get(Evs + "?limit=5&offset=22")).Body!;

        Assert.Null(whole["snapshots_links"]);
        Assert.NotNull(part["snapshots_links"]);
        Assert.Equal(3, offset["snapshots"]!.AsArray().Count);
        Assert.Equal(25, (int)offset["count"]!);
    }

    [Theory]
    [InlineData("?marker=fc05d5d7-7e99-42fb-b6f2-9ddd1b990e67", "names no snapshot")]
    [InlineData("?limit=0", "query parameter 'limit'")]
    [InlineData("?limit=1001", "from 1 to 1000")]
    public async Task Evs_BadQueries_GetBadRequest(string query, string words)
    {
        var answer = await stub.Get(Evs + query);

        ErrorAssert.IsDocumented("evs-snapshots-detail", 400, answer);
        Assert.Contains(words, (string)answer.Body!["badRequest"]!["message"]!, StringComparison.Ordinal);
    }
}
