using System.Text.Json.Nodes;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Properties.Tests;

/// <summary>The paging properties, stated once and checked against any driver (in-process, HTTP, planted bugs).</summary>
public static class PagingProperties
{
    private static readonly Dictionary<string, RecordGenerator> Generators = Repo.Catalog.Apis
        .Where(a => a.Pagination is not null).ToDictionary(a => a.Id, a => new RecordGenerator(a));

    public static Dataset DatasetOf(ApiDefinition api, long size, ulong seed = 1) => new(api, PropertyParent.Values(api), seed, size);

    /// <summary>
    /// One request: the answer is the documented one. Rejected requests get the API's documented 400
    /// naming each bad parameter; accepted ones get the total of the dataset, exactly the records the
    /// rule selects in the documented order, and next links exactly when the document says.
    /// </summary>
    public static void RequestFollowsTheDocument(IApiDriver driver, ApiDefinition api, PageCase c, ulong seed = 1)
    {
        driver.SetSize(api, c.Size);
        var dataset = DatasetOf(api, c.Size, seed);
        var list = new DatasetList(dataset);
        var query = PageCases.Query(api, c, dataset);
        var expected = PagingOracle.Expect(api, query, list);
        var url = PropertyParent.Path(api) + Query.Text(query);
        var answer = driver.Get(api, url);
        if (expected.IsRejection)
        {
            Assert.True(answer.Status == 400, $"{url}: expected 400 naming {string.Join(", ", expected.Rejected)}, got {answer.Status} {answer.Text}");
            Assert.Empty(Repo.Catalog.Validate(api.Id, "response.400", answer.Body));
            foreach (var parameter in expected.Rejected) Assert.Contains($"'{parameter}'", answer.Text, StringComparison.Ordinal);
            return;
        }

        Assert.True(answer.Status == 200, $"{url}: expected 200, got {answer.Status} {answer.Text}");
        var schemaErrors = Repo.Catalog.Validate(api.Id, "response.200", answer.Body);
        Assert.True(schemaErrors.Count == 0, string.Join('\n', schemaErrors));
        var paging = api.Pagination!;
        Assert.Equal(expected.Total, (long)answer.Body![paging.Total.TrimStart('/')]!);
        var items = answer.Body[paging.Items.TrimStart('/')]!.AsArray();
        var indices = expected.Positions.Select(p => list.IndexAt(p, expected.Filters)).ToList();
        Assert.True(indices.Count == items.Count, $"{url}: expected {indices.Count} records, got {items.Count}");
        var generator = Generators[api.Id];
        for (var i = 0; i < items.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(generator.Record(dataset, indices[i]), items[i]), $"{url}: record {i} is not dataset record {indices[i]}");
        }

        if (paging.Links is { } links)
        {
            var href = (string?)answer.Body[links.Field]?[0]?["href"];
            Assert.True(expected.Link == href is not null, $"{url}: {links.Field} expected {(expected.Link ? "present" : "absent")}, got {href ?? "none"}");
            if (href is not null) Assert.Contains($"marker={IndexCodec.Encode(dataset.Key, indices[^1])}", href, StringComparison.Ordinal);
        }
    }

    /// <summary>Walking every page from the start returns every record exactly once, in the documented order, and ends.</summary>
    public static void WalkReturnsEveryRecordOnce(IApiDriver driver, ApiDefinition api, WalkCase w)
    {
        driver.SetSize(api, w.Size);
        var paging = api.Pagination!;
        var itemsField = paging.Items.TrimStart('/');
        var seen = new List<string>();
        var bound = (w.Size / w.PageSize) + 2;
        var requests = 0;
        var path = PropertyParent.Path(api);
        // The model names the first page and, from each answer, the next one (offset, page number or next link).
        var query = paging.PageAt(0, w.PageSize, null);
        long total = -1;
        while (query is not null)
        {
            var next = path + Query.Text(query);
            Assert.True(++requests <= bound, $"the walk did not end after {requests} requests ({w.Size} records, pages of {w.PageSize})");
            var answer = driver.Get(api, next);
            Assert.True(answer.Status == 200, $"{next}: {answer.Status} {answer.Text}");
            var items = answer.Body![itemsField]!.AsArray();
            total = (long)answer.Body[paging.Total.TrimStart('/')]!;
            Assert.Equal(w.Size, total);
            seen.AddRange(items.Select(i => Identity(api, i)));
            // A next link leads back to the list it came from.
            if (paging.NextHref(answer.Body) is { } href) Assert.Equal(path, new Uri(href).AbsolutePath);
            query = paging.NextPage(query, answer.Body);
        }

        var dataset = DatasetOf(api, w.Size);
        var expected = Enumerable.Range(0, (int)w.Size).Select(i => Identity(api, Generators[api.Id].Record(dataset, i))).ToList();
        Assert.Equal(expected, seen);
    }

    /// <summary>The same request twice gives the same bytes; another seed changes the data but not the rules.</summary>
    public static void SameRequestSameBytes_ReseedKeepsTheRules(IApiDriver driver, ApiDefinition api, PageCase c, ulong seed)
    {
        driver.SetSize(api, c.Size);
        var dataset = DatasetOf(api, c.Size);
        var url = PropertyParent.Path(api) + Query.Text(PageCases.Query(api, c with { Marker = -1 }, dataset));
        var first = driver.Get(api, url);
        var second = driver.Get(api, url);
        Assert.Equal(first.Text, second.Text);
        driver.Reseed(seed);
        try
        {
            RequestFollowsTheDocument(driver, api, c with { Marker = -1 }, seed);
            var reseeded = driver.Get(api, url);
            Assert.Equal(first.Status, reseeded.Status);
            // A filter's matches are data (EVS statuses change with the seed); without one, page lengths are the rules'.
            if (first.Status == 200 && (c.Extra is null || api.Pagination!.Filters.Count == 0))
            {
                var items = api.Pagination!.Items.TrimStart('/');
                Assert.Equal(first.Body![items]!.AsArray().Count, reseeded.Body![items]!.AsArray().Count);
                // Reseeding changes the data, but a record holds few seed-dependent bits (a ServiceStage snapshot:
                // only its creation time's jitter, about ten bits), so two seeds may agree on a page of one or two
                // records by chance. Four records make that chance about one in 10^12.
                if (seed != 1 && first.Body[items]!.AsArray().Count >= 4) Assert.NotEqual(first.Text, reseeded.Text);
            }
        }
        finally
        {
            driver.Reseed(1);
        }
    }

    // What tells two records apart: the item key the definition names.
    private static string Identity(ApiDefinition api, JsonNode? record) => api.Pagination!.KeyOf(record)!;
}
