using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ApiContracts.Properties.Tests;

/// <summary>The classic paging bugs, each planted in a test-only paginator.</summary>
public enum PlantedBug
{
    /// <summary>No bug: the control, which must pass every property.</summary>
    None,

    /// <summary>The last page loses its last record.</summary>
    OffByOneAtTheEnd,

    /// <summary>limit is read as an end index: records [offset, limit) instead of [offset, offset + limit).</summary>
    LimitAsEndIndex,

    /// <summary>The order of a page changes from one request to the next (an unstable sort).</summary>
    UnstableOrder,

    /// <summary>The next page starts one record after the marker's successor: the boundary record is skipped.</summary>
    MarkerSkipsTheBoundary,

    /// <summary>The total is the number of records on the page.</summary>
    TotalFromThePage,
}

/// <summary>
/// A paginator written the naive way with one bug planted, serving real records in the API's envelope.
/// It takes the place of the stub to prove each property notices its bug.
/// </summary>
public sealed class BuggyPaginator(PlantedBug bug) : IApiDriver
{
    private readonly Dictionary<string, long> _sizes = [];
    private int _requests;

    public void SetSize(ApiDefinition api, long size) => _sizes[api.Id] = size;

    public void Reseed(ulong seed)
    {
    }

    public Answer Get(ApiDefinition api, string pathAndQuery, string? scenario = null)
    {
        var size = _sizes[api.Id];
        var dataset = PagingProperties.DatasetOf(api, size);
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = ApiContracts.Core.Routing.QueryString.Parse(q < 0 ? null : pathAndQuery[(q + 1)..]).ToDictionary(kv => kv.Key, kv => kv.Value);
        long Number(string name, long fallback) => query.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;

        var limit = Number("limit", api.Pagination!.Limit?.Default ?? 1000);
        if (api.Pagination.Limit is { Clamps: true } rule) limit = rule.Effective(limit);
        long start = Number("offset", 0);
        if (query.TryGetValue("marker", out var marker))
        {
            start = IndexCodec.Decode(dataset.Key, marker, size) + (bug == PlantedBug.MarkerSkipsTheBoundary ? 2 : 1);
        }

        var end = bug == PlantedBug.LimitAsEndIndex ? Math.Min(limit, size) : Math.Min(size, start + limit);
        if (bug == PlantedBug.OffByOneAtTheEnd && end == size && end > start) end--;
        var indices = new List<long>();
        for (var i = start; i < end; i++) indices.Add(i);
        if (bug == PlantedBug.UnstableOrder && Interlocked.Increment(ref _requests) % 2 == 0 && indices.Count > 1) indices.Reverse();

        var generator = new RecordGenerator(api);
        var items = indices.Select(i => (JsonNode)generator.Record(dataset, i)).ToList();
        var total = bug == PlantedBug.TotalFromThePage ? items.Count : size;
        var links = query.ContainsKey("limit") && end < size && items.Count > 0
            ? PageBuilder.NextLink(api, "http://buggy.test", pathAndQuery[..q], [], limit, (string)items[^1]["id"]!)
            : null;

        var body = PageBuilder.Page(api, items, total, links, 1);
        return new Answer(200, body, JsonSerializer.Serialize(body));
    }
}

public class PlantedBugTests
{
    // A planted bug must be caught on every run, and its report must read the same every run, so these
    // checks replay one fixed seed instead of drawing a new one as the real properties do.
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261123UL, 2654435761UL), FSharpOption<int>.None)));

    private static Exception Fails(Action<BuggyPaginator> property, PlantedBug bug) =>
        Assert.ThrowsAny<Exception>(() => property(new BuggyPaginator(bug)));

    private static void Requests(BuggyPaginator driver, string apiId) =>
        Prop.ForAll(Arbitraries.Pages().Filter(c => c.A.Kind != "text" && c.B.Kind != "text" && c.A.Kind != "repeated" && c.B.Kind != "repeated" && c.Order is null && c.Extra is null && (c.A.IsAbsent || c.A.Number is >= 1 and <= 100) && (c.B.IsAbsent || c.B.Number is >= 0 and <= 1000) && c.Marker == -1),
            c => PagingProperties.RequestFollowsTheDocument(driver, Repo.Catalog.Api(apiId), c)).Check(Quick);

    private static void Walks(BuggyPaginator driver, string apiId) =>
        Prop.ForAll(Arbitraries.Walks(), w => PagingProperties.WalkReturnsEveryRecordOnce(driver, Repo.Catalog.Api(apiId), w)).Check(Quick);

    private static void SameBytes(BuggyPaginator driver, string apiId) =>
        Prop.ForAll(Arbitraries.Walks(), w =>
        {
            var api = Repo.Catalog.Api(apiId);
            driver.SetSize(api, w.Size);
            var url = PropertyParent.Path(api) + $"?limit={w.PageSize}";
            Assert.Equal(driver.Get(api, url).Text, driver.Get(api, url).Text);
        }).Check(Quick);

    [Fact]
    public void OffByOneAtTheEnd_IsCaughtByTheRequestProperty() =>
        Assert.Contains("records", Fails(d => Requests(d, "servicestage-instance-snapshots"), PlantedBug.OffByOneAtTheEnd).Message, StringComparison.Ordinal);

    [Fact]
    public void LimitAsEndIndex_IsCaughtByTheRequestProperty() =>
        Assert.Contains("Falsifiable", Fails(d => Requests(d, "servicestage-config-histories"), PlantedBug.LimitAsEndIndex).Message, StringComparison.Ordinal);

    [Fact]
    public void UnstableOrder_IsCaughtByTheSameBytesProperty() =>
        Assert.Contains("Falsifiable", Fails(d => SameBytes(d, "servicestage-instance-snapshots"), PlantedBug.UnstableOrder).Message, StringComparison.Ordinal);

    [Fact]
    public void UnstableOrder_IsCaughtByTheWalkProperty() =>
        Assert.Contains("Falsifiable", Fails(d => Walks(d, "servicestage-instance-snapshots"), PlantedBug.UnstableOrder).Message, StringComparison.Ordinal);

    [Fact]
    public void MarkerSkippingTheBoundary_IsCaughtByTheWalkProperty() =>
        Assert.Contains("Falsifiable", Fails(d => Walks(d, "evs-snapshots-detail"), PlantedBug.MarkerSkipsTheBoundary).Message, StringComparison.Ordinal);

    [Fact]
    public void TotalFromThePage_IsCaughtByTheRequestProperty() =>
        Assert.Contains("Falsifiable", Fails(d => Requests(d, "evs-snapshots-detail"), PlantedBug.TotalFromThePage).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("servicestage-instance-snapshots")]
    [InlineData("servicestage-config-histories")]
    [InlineData("evs-snapshots-detail")]
    public void TheControl_WithNoBugPlanted_PassesEveryCheck(string apiId)
    {
        // Each failure above is then its bug's, not the test paginator's.
        var control = new BuggyPaginator(PlantedBug.None);
        Requests(control, apiId);
        Walks(control, apiId);
        SameBytes(control, apiId);
    }

    [Fact]
    public void AFailure_PrintsTheSeedToReplay()
    {
        var message = Fails(d => Requests(d, "servicestage-instance-snapshots"), PlantedBug.OffByOneAtTheEnd).Message;

        // FsCheck prints the seed pair to replay and the counterexample it started from; "Shrunk:" follows
        // only when the first counterexample could be made smaller, so it is not asserted.
        Assert.Matches(@"\([0-9]+,[0-9]+\)", message);
        Assert.Contains("Original:", message, StringComparison.Ordinal);
        Assert.Equal(message, Fails(d => Requests(d, "servicestage-instance-snapshots"), PlantedBug.OffByOneAtTheEnd).Message);
    }
}
