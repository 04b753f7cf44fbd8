using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Tests;

/// <summary>Each paging style answers for itself: windows, next pages, examples, defaults and bounds.</summary>
public sealed class PagingModelTests
{
    private static Paging Paging(string apiId) => Repo.Catalog.Api(apiId).Pagination!;

    private static string Text(IEnumerable<KeyValuePair<string, string>>? query) =>
        query is null ? "(end)" : string.Join('&', query.Select(kv => $"{kv.Key}={kv.Value}"));

    [Fact]
    public void Loader_MakesOneTypePerStyle()
    {
        Assert.IsType<OffsetLimitPaging>(Paging("servicestage-instance-snapshots"));
        Assert.IsType<OffsetLimitPaging>(Paging("servicestage-config-histories"));
        Assert.IsType<PageNumberPaging>(Paging("pai-dsw-instance-snapshots"));
        Assert.IsType<MarkerPaging>(Paging("evs-snapshots-detail"));
        Assert.Null(Repo.Catalog.Api("servicestage-instance-action").Pagination);
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", 1000, 1000L, "limit", "abc")]
    [InlineData("servicestage-config-histories", 10, 100L, "limit", "101")]
    [InlineData("pai-dsw-instance-snapshots", 10, 100L, "PageNumber", "0")]
    [InlineData("evs-snapshots-detail", 1000, 1000L, "limit", "0")]
    public void DefaultsBoundsAndRejectedExample_ComeFromTheDefinition(string apiId, long defaultSize, long largest, string parameter, string value)
    {
        var paging = Paging(apiId);

        Assert.Equal(defaultSize, paging.DefaultPageSize);
        Assert.Equal(largest, paging.LargestPage);
        Assert.Equal((parameter, value), paging.RejectedExample);
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", 0, "limit=5&offset=0")]
    [InlineData("servicestage-instance-snapshots", 10, "limit=5&offset=10")]
    [InlineData("pai-dsw-instance-snapshots", 0, "PageNumber=1&PageSize=5")]
    [InlineData("pai-dsw-instance-snapshots", 10, "PageNumber=3&PageSize=5")]
    [InlineData("evs-snapshots-detail", 0, "limit=5")]
    [InlineData("evs-snapshots-detail", 10, "limit=5&marker=id-9")]
    public void PageAt_NamesThePageFromAPosition(string apiId, long start, string expected) =>
        Assert.Equal(expected, Text(Paging(apiId).PageAt(start, 5, p => $"id-{p}")));

    [Fact]
    public void NextPage_OffsetMovesPastTheItemsAnswered_AndEndsAtTheTotal()
    {
        var paging = Paging("servicestage-config-histories");
        KeyValuePair<string, string>[] query = [new("order", "asc"), new("limit", "2"), new("offset", "4")];

        Assert.Equal("order=asc&limit=2&offset=6", Text(paging.NextPage(query, Body(paging, 2, total: 7))));
        Assert.Equal("(end)", Text(paging.NextPage(query, Body(paging, 2, total: 6))));
        Assert.Equal("(end)", Text(paging.NextPage(query, Body(paging, 0, total: 9))));
    }

    [Fact]
    public void NextPage_PageNumberCountsOn_AndEndsWhenThePagesReachTheTotal()
    {
        var paging = Paging("pai-dsw-instance-snapshots");

        Assert.Equal("PageSize=3&PageNumber=2", Text(paging.NextPage([new("PageSize", "3")], Body(paging, 3, total: 7))));
        Assert.Equal("PageNumber=4&PageSize=3", Text(paging.NextPage([new("PageNumber", "3"), new("PageSize", "3")], Body(paging, 1, total: 10))));
        Assert.Equal("(end)", Text(paging.NextPage([new("PageNumber", "3"), new("PageSize", "3")], Body(paging, 1, total: 9))));
    }

    [Fact]
    public void NextPage_MarkerFollowsTheNextLinksQuery()
    {
        var paging = Paging("evs-snapshots-detail");
        var body = Body(paging, 2, total: 9);
        body["snapshots_links"] = new JsonArray(new JsonObject { ["href"] = "https://h/v2/p/cloudsnapshots/detail?status=available&limit=2&marker=m%2D1", ["rel"] = "next" });

        Assert.Equal("status=available&limit=2&marker=m-1", Text(paging.NextPage([new("limit", "2")], body)));
        Assert.Equal("(end)", Text(paging.NextPage([new("limit", "2")], Body(paging, 2, total: 9))));
    }

    [Fact]
    public void NextLinkQuery_KeepsTheFilter_ReplacesThePagingParameters()
    {
        var paging = Paging("evs-snapshots-detail");
        KeyValuePair<string, string>[] query = [new("limit", "9"), new("status", "error"), new("offset", "3"), new("marker", "old")];

        Assert.Equal("status=error&limit=2&marker=m", Text(paging.NextLinkQuery(query, 2, "m")));
        Assert.Null(Paging("servicestage-config-histories").NextLinkQuery(query, 2, "m"));
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", """{"limit": 101, "offset": 3}""", 20, 3, 10, true)]
    [InlineData("servicestage-instance-snapshots", """{"order": "asc"}""", 20, 0, 20, false)]
    [InlineData("servicestage-config-histories", """{"offset": 25}""", 20, 20, 0, true)]
    [InlineData("pai-dsw-instance-snapshots", """{"PageNumber": 3, "PageSize": 4, "Order": "ASC"}""", 10, 8, 2, false)]
    [InlineData("evs-snapshots-detail", """{"offset": 2}""", 5, 2, 3, true)]
    public void Select_TakesTheWindowTheRulesName(string apiId, string query, long total, long start, long count, bool newestFirst)
    {
        var selection = Paging(apiId).Select(JsonNode.Parse(query)!.AsObject(), total, _ => null);

        Assert.Equal((total, start, count, newestFirst), (selection.Total, selection.Start, selection.Count, selection.NewestFirst));
        Assert.Null(selection.UnknownMarker);
    }

    [Fact]
    public void Select_Marker_StartsAfterTheMarker_LinksOnlyWithALimitAndMoreToCome()
    {
        var paging = Paging("evs-snapshots-detail");

        var withLimit = paging.Select(JsonNode.Parse("""{"limit": 2, "marker": "m"}""")!.AsObject(), 10, _ => 4);
        var lastPage = paging.Select(JsonNode.Parse("""{"limit": 6, "marker": "m"}""")!.AsObject(), 10, _ => 4);
        var noLimit = paging.Select(JsonNode.Parse("""{"marker": "m"}""")!.AsObject(), 10, _ => 4);
        var unknown = paging.Select(JsonNode.Parse("""{"marker": "x"}""")!.AsObject(), 10, _ => null);

        Assert.Equal((4L, 2L, (long?)2), (withLimit.Start, withLimit.Count, withLimit.NextLimit));
        Assert.Equal((4L, 6L, (long?)null), (lastPage.Start, lastPage.Count, lastPage.NextLimit));
        Assert.Equal((4L, 6L, (long?)null), (noLimit.Start, noLimit.Count, noLimit.NextLimit));
        Assert.Equal(new KeyValuePair<string, string>("marker", "x"), unknown.UnknownMarker);
        Assert.Equal(0, unknown.Count);
    }

    [Theory]
    [InlineData("page:\n    parameter: PageNumber\n", "offset-limit paging takes no 'page'")]
    [InlineData("marker:\n    parameter: marker\n", "offset-limit paging takes no 'marker'")]
    public void Loader_RefusesAParameterTheStyleDoesNotRead(string extra, string message)
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", "servicestage-instance-snapshots.yaml")).ReplaceLineEndings("\n")
            .Replace("pagination:\n  style: offset-limit\n", "pagination:\n  style: offset-limit\n  " + extra, StringComparison.Ordinal);

        var problems = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, "x.yaml")).Problems;

        Assert.True(problems.Any(p => p.Message == message), string.Join('\n', problems));
    }

    [Fact]
    public void EveryListingDefinition_NamesItsItemKey_AndTheFieldItsDefaultSortOrdersBy()
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null))
        {
            var paging = api.Pagination!;
            Assert.False(paging.Key is null, $"{api.Id}: pagination.key");
            Assert.False(paging.Sort?.ItemField is null, $"{api.Id}: pagination.sort.item_field");
        }

        Assert.Equal("SnapshotId", Paging("pai-dsw-instance-snapshots").Key);
        Assert.Equal("GmtCreateTime", Paging("pai-dsw-instance-snapshots").Sort!.ItemField);
        Assert.Equal("v3", Paging("servicestage-config-histories").KeyOf(new JsonObject { ["config_history_id"] = "v3" }));
        Assert.Equal("7", Paging("servicestage-config-histories").KeyOf(new JsonObject { ["config_history_id"] = 7 }));
        Assert.Null(Paging("servicestage-config-histories").KeyOf(new JsonObject()));
    }

    [Theory]
    [InlineData("  key: version\n", "  key: nothing\n", "'key' is 'nothing', which is not a mandatory field of the list items")]
    [InlineData("    item_field: create_time\n", "    item_field: when\n", "'item_field' is 'when', which is not a mandatory field of the list items")]
    public void Loader_RefusesAnItemFieldTheItemsDoNotHave(string from, string to, string message)
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", "servicestage-instance-snapshots.yaml")).ReplaceLineEndings("\n")
            .Replace(from, to, StringComparison.Ordinal);

        var problems = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, "servicestage-instance-snapshots.yaml")).Problems;

        Assert.StartsWith(message, Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    private static JsonObject Body(Paging paging, int items, long total) => new()
    {
        [paging.Items.TrimStart('/')] = new JsonArray(Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject { ["i"] = i }).ToArray()),
        [paging.Total.TrimStart('/')] = total,
    };
}
