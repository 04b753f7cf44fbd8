using System.Text.Json.Nodes;
using ApiContracts.Conformance.Oracle;

namespace ApiContracts.Conformance.Probe;

/// <summary>How a walk goes and how one is compared with the list it should have given.</summary>
internal sealed partial class ListProbe
{
    /// <summary>
    /// Walks from <paramref name="first"/> along the model's next pages. The walk must end within the pages the
    /// total needs (plus two); <paramref name="budgetShare"/> 2 lets it use half the budget left, 1 all of it.
    /// </summary>
    private Walk Walk(IReadOnlyList<KeyValuePair<string, string>> first, long size, long? knownTotal, int budgetShare)
    {
        var pages = new List<WalkPage>();
        var items = new List<JsonNode>();
        var query = first;
        long bound = knownTotal is { } t ? (t / size) + 2 : 1;
        if (knownTotal is not null && bound > _probe.Client.Remaining / budgetShare)
        {
            return new Walk([], [], $"walking {knownTotal} items in pages of {size} needs about {bound} requests; {_probe.Client.Remaining} are left (--max-requests)", null) { OutOfBudget = true };
        }

        try
        {
            while (query is not null)
            {
                if (pages.Count >= bound) return Keep(new Walk(pages, items, $"the walk did not end after {pages.Count} pages of {size} ({items.Count} items; {pages[0].Total} reported)", pages[^1].Exchange));
                var exchange = _probe.Send(query);
                var pageItems = _paging.ItemsIn(exchange.Json);
                var total = _paging.TotalIn(exchange.Json);
                if (exchange.Status != _api.Operation.SuccessStatus || pageItems is null)
                {
                    pages.Add(new WalkPage(query, exchange, [], total));
                    return Keep(new Walk(pages, items, $"page {pages.Count} ({ApiProbe.Show(query)}) was not answered with a list: {exchange.Excerpt(200)}", exchange));
                }

                pages.Add(new WalkPage(query, exchange, pageItems.OfType<JsonNode>().ToList(), total));
                items.AddRange(pages[^1].Items);
                if (pages.Count == 1)
                {
                    bound = ((total ?? 0) / size) + 2;
                    if (knownTotal is null && bound > _probe.Client.Remaining / budgetShare)
                    {
                        return Keep(new Walk(pages, items, $"walking {total} items in pages of {size} needs about {bound} requests; {_probe.Client.Remaining} are left (--max-requests)", null) { OutOfBudget = true });
                    }
                }

                query = _paging.NextPage(query, exchange.Json);
            }
        }
        catch (BudgetSpentException ex)
        {
            return Keep(new Walk(pages, items, ex.Message, null) { OutOfBudget = true });
        }

        return Keep(new Walk(pages, items, null, null));
    }

    private Walk Keep(Walk walk)
    {
        _walks.Add(walk);
        return walk;
    }

    /// <summary>A walk compared with the keys it should have given: the first gap, repeat or misplaced item.</summary>
    private Verdict Compare(Walk walk, IReadOnlyList<string?> expected)
    {
        if (walk.OutOfBudget) return Verdict.Skip(walk.Problem!);
        if (Repeated(walk) is { } repeat) return Verdict.Fail(repeat.Problem, repeat.Evidence);
        if (!walk.Ended) return Verdict.Fail(walk.Problem!, walk.Evidence);
        var got = walk.Items.Select(_paging.KeyOf).ToList();
        for (var i = 0; i < Math.Min(got.Count, expected.Count); i++)
        {
            if (got[i] == expected[i]) continue;
            var later = expected.Skip(i).ToList().IndexOf(got[i]);
            var why = later > 0
                ? $"{later} item(s) missing before it, from {expected[i]} (a gap)"
                : expected.Take(i).Contains(got[i]) ? "it came earlier in the list" : "the reference walk has no such item";
            return Verdict.Fail($"item {i} of the walk is {got[i]}; expected {expected[i]}: {why}", PageOf(walk, i));
        }

        if (got.Count != expected.Count)
        {
            return Verdict.Fail(got.Count < expected.Count
                ? $"the walk ended after {got.Count} items; the list holds {expected.Count} (missing from {expected[got.Count]})"
                : $"the walk gave {got.Count} items; the list holds {expected.Count}", walk.Pages[^1].Exchange);
        }

        return Verdict.Pass;
    }

    /// <summary>The first item a walk gave twice, with the page it came back on.</summary>
    private (string Problem, Exchange Evidence)? Repeated(Walk walk)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < walk.Items.Count; i++)
        {
            if (_paging.KeyOf(walk.Items[i]) is not { } key) return ($"item {i} of the walk has no {_paging.Key}", PageOf(walk, i)!);
            if (!seen.TryAdd(key, i)) return ($"{_paging.Key} {key} came twice: item {seen[key]} and item {i} of the walk (pages {PageIndex(walk, seen[key]) + 1} and {PageIndex(walk, i) + 1})", PageOf(walk, i)!);
        }

        return null;
    }

    private static int PageIndex(Walk walk, int item)
    {
        var before = 0;
        for (var p = 0; p < walk.Pages.Count; p++)
        {
            before += walk.Pages[p].Items.Count;
            if (item < before) return p;
        }

        return walk.Pages.Count - 1;
    }

    private static Exchange? PageOf(Walk walk, int item) => walk.Pages.Count == 0 ? null : walk.Pages[PageIndex(walk, item)].Exchange;

    /// <summary>Each page of a walk with the items before it and the list's total (the reference's, or the page's own).</summary>
    private IEnumerable<(WalkPage Page, long Before, long Total)> Positioned(Walk walk)
    {
        long before = 0;
        foreach (var page in walk.Pages)
        {
            var filters = _paging.Filters.SelectMany(f => page.Query.Where(kv => kv.Key == f.Parameter).Select(kv => new FilterValue(f, kv.Value))).ToList();
            var total = _reference.Complete ? _reference.Count(filters) : page.Total ?? 0;
            yield return (page, before, total);
            before += page.Items.Count;
        }
    }

    /// <summary>The reversed reference, with runs of equal sort values put in the order the walk gave them.</summary>
    private List<string?> TieOrder(List<JsonNode> expected, IReadOnlyList<JsonNode> walked)
    {
        var field = _paging.Sort?.ItemField;
        var keys = expected.Select(_paging.KeyOf).ToList();
        if (field is null) return keys;
        var position = walked.Select((item, i) => (Key: _paging.KeyOf(item), i)).Where(x => x.Key is not null).GroupBy(x => x.Key!).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var result = new List<string?>();
        for (var start = 0; start < expected.Count;)
        {
            var end = start;
            while (end + 1 < expected.Count && JsonNode.DeepEquals(expected[end + 1][field], expected[start][field])) end++;
            result.AddRange(keys.Skip(start).Take(end - start + 1).OrderBy(k => k is not null && position.TryGetValue(k, out var p) ? p : int.MaxValue));
            start = end + 1;
        }

        return result;
    }

    /// <summary>Whether the model takes <paramref name="size"/> as the page size, as given.</summary>
    private bool Takes(long size)
    {
        var expected = PagingOracle.Expect(_api, _paging.PageAt(0, size, null), new ReferenceList(_paging, [], long.MaxValue / 2, false));
        return !expected.IsRejection && expected.Positions.Count == size;
    }

    /// <summary>Numbers by value, text by ordinal order (ISO 8601 times of one shape sort so); null when they cannot be compared.</summary>
    private static int? Compare(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y)
        {
            if (x.TryGetValue<decimal>(out var m) && y.TryGetValue<decimal>(out var n)) return m.CompareTo(n);
            if (x.TryGetValue<string>(out var s) && y.TryGetValue<string>(out var t)) return string.CompareOrdinal(s, t);
        }

        return null;
    }
}
