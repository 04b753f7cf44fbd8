using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>
/// The checks of one listing API, derived from its paging model and query table: a reference walk with the
/// largest page, single requests judged by the shared <see cref="PagingOracle"/>, walks with other page sizes,
/// directions and filters, then the rules that span every answer (totals, next links, schemas).
/// </summary>
internal sealed partial class ListProbe
{
    private readonly ApiProbe _probe;
    private readonly ApiDefinition _api;
    private readonly Paging _paging;
    private readonly List<(IReadOnlyList<KeyValuePair<string, string>> Query, Exchange Exchange)> _answers = [];
    private readonly List<Walk> _walks = [];
    private ReferenceList _reference;

    public ListProbe(ApiProbe probe)
    {
        _probe = probe;
        _api = probe.Api;
        _paging = probe.Api.Pagination ?? throw new ArgumentException($"{probe.Api.Id} does not page", nameof(probe));
        _reference = new ReferenceList(_paging, [], 0, false);
    }

    /// <summary>The total the reference walk's first page reported, once known.</summary>
    public long? Total { get; private set; }

    /// <summary>Runs every check: cheap ones first, so a small budget still covers the most rules.</summary>
    public void Run()
    {
        ReferenceWalk();
        DefaultOrder();
        foreach (var c in Cases()) _probe.Check(c.Id, c.Rule, () => c.Skip is { } why ? Verdict.Skip(why) : Judge(c.Query, c.Full));
        _probe.AuthAndParent(null);
        Partitions();
        Reverse();
        FilterWalks();
        Links();
        TotalsIndependentOfPage();
        _probe.Schema();
    }

    /// <summary>A list request; its answer is kept for the rules that span every answer.</summary>
    private Exchange Get(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var exchange = _probe.Send(query);
        _answers.Add((query, exchange));
        return exchange;
    }

    /// <summary>
    /// Judges one request by the oracle: the API's 400 for a rejected parameter; otherwise a page with the
    /// documented total, exactly the items the rules select (by key, where the reference knows them) and a next
    /// link exactly when due, carrying what it should. <paramref name="full"/> false checks only that the request
    /// is answered with a page and the same total (a documented value whose effect the definition leaves open).
    /// </summary>
    private Verdict Judge(IReadOnlyList<KeyValuePair<string, string>> query, bool full)
    {
        var expected = PagingOracle.Expect(_api, query, _reference);
        if (!expected.IsRejection && expected.Filters.Count > 0 && !_reference.Complete)
        {
            return Verdict.Skip("the reference walk did not reach every item, so the filtered list is unknown");
        }

        var exchange = Get(query);
        if (expected.IsRejection)
        {
            return _probe.NotTheError(exchange, 400) is { } why ? Verdict.Fail($"{string.Join(", ", expected.Rejected)} must be rejected: {why}", exchange) : Verdict.Pass;
        }

        if (exchange.Status != _api.Operation.SuccessStatus) return Verdict.Fail($"expected {_api.Operation.SuccessStatus} with a page, got {(exchange.Error ?? exchange.Status.ToString(CultureInfo.InvariantCulture))}", exchange);
        var items = _paging.ItemsIn(exchange.Json);
        var total = _paging.TotalIn(exchange.Json);
        if (items is null || total is null) return Verdict.Fail($"the answer has no item array at {_paging.Items} or no integer total at {_paging.Total}", exchange);
        if (total != expected.Total) return Verdict.Fail($"{_paging.Total.TrimStart('/')} is {total}; expected {expected.Total}{Filtered(expected)}", exchange);
        if (!full) return Verdict.Pass;
        if (items.Count != expected.Positions.Count)
        {
            return Verdict.Fail($"the page holds {Items(items.Count)}; expected {expected.Positions.Count} ({Describe(expected)})", exchange);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (_reference.KeyAt(expected.Positions[i], expected.Filters) is not { } want) continue;
            var got = _paging.KeyOf(items[i]);
            if (got != want)
            {
                return Verdict.Fail($"item {i} of the page is {_paging.Key} {got ?? "(none)"}; expected {want}, item {expected.Positions[i]} of the{(expected.Filters.Count > 0 ? " filtered" : string.Empty)} list ({Describe(expected)})", exchange);
            }
        }

        return LinkProblem(query, exchange, items, expected.Link, expected.LinkLimit) is { } problem ? Verdict.Fail(problem, exchange) : Verdict.Pass;
    }

    /// <summary>What is wrong with a page's next link, or null: present exactly when due, carrying limit, marker and filters.</summary>
    private string? LinkProblem(IReadOnlyList<KeyValuePair<string, string>> query, Exchange exchange, JsonArray items, bool due, long? limit)
    {
        if (_paging.Links is not { } rule) return null;
        var href = _paging.NextHref(exchange.Json);
        if (due && href is null) return $"no next link in {rule.Field}, although {rule.When.Replace('-', ' ')}";
        if (!due && href is not null) return $"a next link ({href}) although the document gives one only when {rule.When.Replace('-', ' ')}";
        return href is null ? null : Carries(query, href, items, limit);
    }

    /// <summary>What a next link fails to carry (limit, marker naming the last item, the request's filters), or null.</summary>
    private string? Carries(IReadOnlyList<KeyValuePair<string, string>> query, string href, JsonArray items, long? limit)
    {
        var q = href.IndexOf('?', StringComparison.Ordinal);
        var carried = q < 0 ? [] : ApiProbe.Query(href[(q + 1)..].Split('#')[0]);
        string? Value(string name) => carried.Where(kv => kv.Key == name).Select(kv => kv.Value).FirstOrDefault();
        if (_paging.Limit is { } l && limit is { } want && Value(l.Parameter) != want.ToString(CultureInfo.InvariantCulture))
        {
            return $"the next link {href} carries {l.Parameter}={Value(l.Parameter) ?? "(none)"}; expected {want}";
        }

        var marker = _paging.Match<string?>(_ => null, _ => null, m => m.Marker.Parameter);
        var last = items.Count > 0 ? _paging.KeyOf(items[^1]) : null;
        if (marker is not null && last is not null && Value(marker) != last)
        {
            return $"the next link {href} carries {marker}={Value(marker) ?? "(none)"}; expected {last}, the {_paging.Key} of the page's last item";
        }

        foreach (var filter in _paging.Filters)
        {
            var sent = query.Where(kv => kv.Key == filter.Parameter).Select(kv => kv.Value).FirstOrDefault();
            if (sent is not null && Value(filter.Parameter) != sent) return $"the next link {href} drops the filter {filter.Parameter}={sent}";
        }

        return null;
    }

    /// <summary>"1 item", "3 items".</summary>
    private static string Items(long n) => n == 1 ? "1 item" : $"{n.ToString(CultureInfo.InvariantCulture)} items";

    private static string Filtered(Expectation expected) =>
        expected.Filters.Count == 0 ? string.Empty : $" (the items with {string.Join(" and ", expected.Filters.Select(f => $"{f.Rule.Field} {f.Value}"))})";

    private static string Describe(Expectation expected)
    {
        if (expected.Positions.Count == 0) return $"an empty page: the list holds {expected.Total}";
        var first = expected.Positions[0];
        var last = expected.Positions[^1];
        var span = first == last ? $"item {first}" : first < last ? $"items {first} to {last}" : $"items {first} down to {last}";
        return $"{span} of {expected.Total}{Filtered(expected)}, counted from the newest";
    }

    /// <summary>The assumptions of the query row <paramref name="name"/>, with the rule pointer to it.</summary>
    private RuleRef QueryRule(string name, string statement, params IEnumerable<string>[] more)
    {
        var row = _api.Request.Query?.Fields.FirstOrDefault(f => f.Name == name);
        return RuleRef.For(_api, $"/request/query/{name}", statement, [row?.Constraints.Assumptions ?? [], .. more]);
    }

    /// <summary>The assumptions of the success body's row at <paramref name="pointer"/> (<c>/count</c>).</summary>
    private IReadOnlyList<string> BodyRow(string pointer) =>
        _api.Success.Body?.Fields.FirstOrDefault(f => "/" + f.Name == pointer)?.Constraints.Assumptions ?? [];
}
