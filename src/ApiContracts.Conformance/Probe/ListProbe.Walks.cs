using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>The walks over every page, and the rules that span every answer: totals and next links.</summary>
internal sealed partial class ListProbe
{
    private const string NeedsReference = "the reference walk did not reach every item once, so there is nothing to compare with";

    /// <summary>The reference: the list walked with the largest page from the first, along the model's next pages.</summary>
    private void ReferenceWalk()
    {
        var size = Math.Min(_paging.LargestPage ?? _paging.DefaultPageSize, 10_000);
        var first = _paging.PageAt(0, size, null);
        var key = _paging.Key ?? "(no key)";
        Walk? walk = null;
        _probe.Check($"walk[{ApiProbe.Show(first)}]", RuleRef.For(_api, "/pagination", $"walking the list with the largest page ({size}) from the first page reaches its end, every item (told apart by its {key}) once"), () =>
        {
            if (_paging.Key is null) return Verdict.Skip("the definition names no item key (pagination.key), so items cannot be followed across pages");
            walk = Walk(first, size, null, budgetShare: 2);
            if (Repeated(walk) is { } repeat) return Verdict.Fail(repeat.Problem, repeat.Evidence);
            if (walk.OutOfBudget) return Verdict.Skip(walk.Problem!);
            return walk.Ended ? Verdict.Pass : Verdict.Fail(walk.Problem!, walk.Evidence);
        });

        var items = walk?.Items ?? [];
        Total = walk?.FirstTotal;
        var complete = walk is { Ended: true } && Repeated(walk) is null && walk.FirstTotal == walk.Items.Count;
        _reference = new ReferenceList(_paging, items, walk?.FirstTotal ?? items.Count, complete);

        _probe.Check("total.matches-walk", RuleRef.For(_api, "/pagination/total", $"{TotalName} is the number of items in the list: a walk over every page counts as many", BodyRow(_paging.Total)), () =>
        {
            if (walk is not { Ended: true } || Repeated(walk) is not null) return Verdict.Skip("the reference walk did not reach the end with every item once");
            return walk.FirstTotal == walk.Items.Count
                ? Verdict.Pass
                : Verdict.Fail($"{TotalName} is {walk.FirstTotal?.ToString(CultureInfo.InvariantCulture) ?? "missing"}, but the walk over {walk.Pages.Count} pages reached {walk.Items.Count} items", walk.Pages[0].Exchange);
        });
    }

    /// <summary>The reference list comes in the documented default order of its sort field.</summary>
    private void DefaultOrder()
    {
        if (_paging.Sort is not { } sort) return;
        var newest = sort.NewestFirst(null);
        var field = sort.ItemField;
        var sortRow = sort.Parameter is null ? null : _api.Request.Query?.Fields.FirstOrDefault(f => f.Name == sort.Parameter);
        _probe.Check("order.default", RuleRef.For(_api, "/pagination/sort", $"without sort parameters the list is ordered by {sort.Default} {sort.DefaultDirection}: {field ?? "(the sort field)"} never {(newest ? "rises" : "falls")} from one item to the next", sortRow?.Constraints.Assumptions ?? []), () =>
        {
            if (field is null) return Verdict.Skip("the definition names no item field for the default sort (pagination.sort.item_field)");
            var items = _reference.Items;
            if (items.Count < 2) return Verdict.Skip($"the list holds {Items(items.Count)}; an order needs 2");
            for (var i = 1; i < items.Count; i++)
            {
                if (Compare(items[i - 1][field], items[i][field]) is not { } order) return Verdict.Skip($"{field} of items {i - 1} and {i} cannot be compared ({items[i - 1][field]?.ToJsonString()}, {items[i][field]?.ToJsonString()})");
                if (newest ? order < 0 : order > 0)
                {
                    return Verdict.Fail($"item {i - 1} ({_paging.KeyOf(items[i - 1])}, {field} {items[i - 1][field]?.ToJsonString()}) comes before item {i} ({_paging.KeyOf(items[i])}, {field} {items[i][field]?.ToJsonString()})", _answers.FirstOrDefault().Exchange);
                }
            }

            return Verdict.Pass;
        });
    }

    /// <summary>Walks with other page sizes give the reference's items in its order: pages partition the list.</summary>
    private void Partitions()
    {
        var total = _reference.ReportedTotal;
        var seeded = 2L + _probe.Random.Next(11);
        foreach (var size in new[] { 3L, 7L, seeded }.Distinct())
        {
            var first = _paging.PageAt(0, size, null);
            var rule = RuleRef.For(_api, "/pagination", $"pages of {size} partition the list: the reference walk's items in its order, none missing, none twice");
            _probe.Check($"partition[{ApiProbe.Show(first)}]", rule, () =>
            {
                if (!_reference.Complete) return Verdict.Skip(NeedsReference);
                if (total <= size) return Verdict.Skip($"the list holds {Items(total)}, no more than one page of {size}");
                if (!Takes(size)) return Verdict.Skip($"the definition does not take a page size of {size} as given");
                return Compare(Walk(first, size, total, budgetShare: 1), _reference.Items.Select(_paging.KeyOf).ToList());
            });
        }
    }

    /// <summary>The other direction walks the list in reverse (items with equal sort values in any order).</summary>
    private void Reverse()
    {
        if (Reversed() is not { } other) return;
        var parameter = _paging.Sort!.DirectionParameter!;
        var size = Math.Min(_paging.LargestPage ?? _paging.DefaultPageSize, 10_000);
        IReadOnlyList<KeyValuePair<string, string>> first = [.. _paging.PageAt(0, size, null), P(parameter, other)];
        _probe.Check($"order.reverse[{ApiProbe.Show(first)}]", QueryRule(parameter, $"{parameter}={other} lists the same items in the reverse order"), () =>
        {
            if (!_reference.Complete) return Verdict.Skip(NeedsReference);
            if (_reference.Items.Count < 2) return Verdict.Skip($"the list holds {Items(_reference.Items.Count)}; a reverse order needs 2");
            var expected = _reference.Items.Reverse().ToList();
            var walk = Walk(first, size, _reference.ReportedTotal, budgetShare: 1);
            if (walk.OutOfBudget) return Verdict.Skip(walk.Problem!);
            if (!walk.Ended) return Verdict.Fail(walk.Problem!, walk.Evidence);
            return Compare(walk, TieOrder(expected, walk.Items));
        });
    }

    /// <summary>Each filter walked with small pages: exactly the reference's items with that value, in order, counted by the total.</summary>
    private void FilterWalks()
    {
        foreach (var filter in _paging.Filters)
        {
            foreach (var value in _reference.Complete ? FilterValues(filter) : [])
            {
                var filters = new List<FilterValue> { new(filter, value) };
                var kept = _reference.Kept(filters);
                IReadOnlyList<KeyValuePair<string, string>> first = [P(filter.Parameter, value), .. _paging.PageAt(0, 3, null)];
                _probe.Check($"filter.walk[{ApiProbe.Show(first)}]", FilterRule(filter), () =>
                {
                    if (!Takes(3)) return Verdict.Skip("the definition does not take a page size of 3 as given");
                    var walk = Walk(first, 3, kept.Count, budgetShare: 1);
                    if (walk.Pages.FirstOrDefault(p => p.Total is { } t && t != kept.Count) is { } page)
                    {
                        return Verdict.Fail($"{TotalName} is {page.Total} with {filter.Parameter}={value}; the list holds {kept.Count} such items", page.Exchange);
                    }

                    return Compare(walk, kept.Select(_paging.KeyOf).ToList());
                });
            }
        }
    }

    /// <summary>Across every walk: a next link exactly when a limit was given and items follow, carrying what it should.</summary>
    private void Links()
    {
        if (_paging.Links is null || _paging.Limit is not { } limit) return;
        var pages = _walks.SelectMany(w => Positioned(w)).Where(p => p.Page.Query.Any(kv => kv.Key == limit.Parameter)).ToList();
        var rule = LinksRule();
        _probe.Check("links.when", rule, () =>
        {
            if (pages.Count == 0) return Verdict.Skip("no walk with a limit was answered");
            foreach (var (page, before, total) in pages)
            {
                var more = before + page.Items.Count < total;
                var href = _paging.NextHref(page.Exchange.Json);
                if (more && href is null) return Verdict.Fail($"no next link after items {before}..{before + page.Items.Count - 1} of {total}, although {total - before - page.Items.Count} follow", page.Exchange);
                if (!more && href is not null) return Verdict.Fail($"a next link ({href}) after the last items ({before}..{before + page.Items.Count - 1} of {total}): none follow", page.Exchange);
            }

            return Verdict.Pass;
        });
        _probe.Check("links.carry", rule, () =>
        {
            var linked = pages.Where(p => _paging.NextHref(p.Page.Exchange.Json) is not null).ToList();
            if (linked.Count == 0) return Verdict.Skip("no page answered with a next link");
            foreach (var (page, _, _) in linked)
            {
                var sent = page.Query.Where(kv => kv.Key == limit.Parameter).Select(kv => long.TryParse(kv.Value, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).FirstOrDefault();
                if (Carries(page.Query, _paging.NextHref(page.Exchange.Json)!, new JsonArray(page.Items.Select(i => i.DeepClone()).ToArray()), sent) is { } problem) return Verdict.Fail(problem, page.Exchange);
            }

            return Verdict.Pass;
        });
    }

    /// <summary>Every page answered reports the same total for the same filters, whatever page it is.</summary>
    private void TotalsIndependentOfPage()
    {
        _probe.Check("total.independent-of-page", RuleRef.For(_api, "/pagination/total", $"{TotalName} does not depend on the page asked for (its size, offset, number or marker); only filters narrow it", BodyRow(_paging.Total)), () =>
        {
            var answered = _answers.Concat(_walks.SelectMany(w => w.Pages.Select(p => (p.Query, p.Exchange))))
                .Where(a => a.Exchange.Status == _api.Operation.SuccessStatus && _paging.TotalIn(a.Exchange.Json) is not null)
                .ToList();
            if (answered.Count < 2) return Verdict.Skip("fewer than 2 pages were answered");
            foreach (var group in answered.GroupBy(a => string.Join('&', _paging.Filters.SelectMany(f => a.Query.Where(kv => kv.Key == f.Parameter).Select(kv => $"{kv.Key}={kv.Value}")))))
            {
                var expected = group.Key.Length == 0 ? _reference.ReportedTotal : _paging.TotalIn(group.First().Exchange.Json);
                var odd = group.FirstOrDefault(a => _paging.TotalIn(a.Exchange.Json) != expected);
                if (odd.Exchange is not null)
                {
                    return Verdict.Fail($"this page reports {TotalName} {_paging.TotalIn(odd.Exchange.Json)}, while the {(group.Key.Length == 0 ? "first page of the list" : $"first page with {group.Key}")} reports {expected}", odd.Exchange);
                }
            }

            return Verdict.Pass;
        });
    }
}
