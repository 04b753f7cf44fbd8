using System.Globalization;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>The single requests: each documented value, bound and bad input of the query table, and the positions of the list.</summary>
internal sealed partial class ListProbe
{
    private const string NoSuchValue = "apicontracts-probe-no-such-value";

    private sealed record Case(string Id, IReadOnlyList<KeyValuePair<string, string>> Query, RuleRef Rule, bool Full, string? Skip);

    private static Case Make(string kind, IReadOnlyList<KeyValuePair<string, string>> query, RuleRef rule, bool full = true, string? skip = null) =>
        new($"{kind}[{ApiProbe.Show(query)}]", query, rule, full, skip);

    private static KeyValuePair<string, string> P(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    private static KeyValuePair<string, string> P(string name, string value) => new(name, value);

    private IEnumerable<Case> Cases()
    {
        var rows = _api.Request.Query?.Fields ?? [];
        var links = _paging.Links is null ? string.Empty : ", and no next link";
        yield return Make("default-page", [], QueryRule(SizeParameter, $"without paging parameters a request gets the first {Words(_paging.DefaultPageSize)} items, newest first{links}"));

        foreach (var row in rows.Where(r => r.Type == FieldType.Integer))
        {
            foreach (var value in Bounds(row))
            {
                IReadOnlyList<KeyValuePair<string, string>> query = [P(row.Name, value)];
                var rejected = PagingOracle.Expect(_api, query, _reference).IsRejection;
                yield return Make(rejected ? "rejected" : Role(row.Name), query, RowRule(row), skip: rejected ? null : ClampHidden(row, value));
            }

            // Text is no integer. (A number past 64 bits is left out: the documents give integers no size.)
            yield return Make("rejected", [P(row.Name, "abc")], RowRule(row));
        }

        foreach (var row in rows.Where(r => r.Constraints.Enum is not null))
        {
            var values = row.Constraints.Enum!.Select(v => ApiProbe.Text(v)).ToList();
            var direction = row.Name == _paging.Sort?.DirectionParameter;
            foreach (var value in values)
            {
                yield return direction
                    ? Make("order", [P(row.Name, value)], QueryRule(row.Name, $"{row.Name}={value} lists the items {(string.Equals(value, "desc", StringComparison.OrdinalIgnoreCase) ? "newest" : "oldest")} first"))
                    : Make("accepted", [P(row.Name, value)], QueryRule(row.Name, $"{row.Name}={value} is a documented value: it is answered with a page and the same {TotalName}"), full: false);
            }

            yield return Make("rejected", [P(row.Name, NoSuchValue)], QueryRule(row.Name, $"{row.Name} is one of {string.Join(", ", values)}; any other value is answered with the API's 400"));
        }

        foreach (var c in Positions()) yield return c;
        foreach (var c in FilterCases()) yield return c;
    }

    /// <summary>Requests inside the list, at its end and past it, in the style's own terms.</summary>
    private IEnumerable<Case> Positions()
    {
        var total = _reference.ReportedTotal;
        var size = SmallSize();
        var middle = total >= 2 ? 1 + _probe.Random.NextInt64(total - 1) : 0;
        var few = total < 2 ? "the list holds fewer than 2 items, so no page lies inside it" : null;
        var cases = _paging.Match<IEnumerable<Case>>(
            o =>
            [
                Make("offset", _paging.PageAt(middle, size, null), OffsetRule(o.Offset.Parameter), skip: few),
                Make("offset", [P(o.Offset.Parameter, total)], OffsetRule(o.Offset.Parameter)),
                Make("offset", [P(o.Offset.Parameter, total + 7)], OffsetRule(o.Offset.Parameter)),
                .. DirectionPage(size),
            ],
            p =>
            {
                var page = p.DefaultPageSize;
                var last = Math.Max(1, (total + page - 1) / page);
                var middlePage = total > size ? size * (1 + _probe.Random.NextInt64((total - 1) / size)) : 0;
                var rule = QueryRule(p.Page.Parameter, $"{p.Page.Parameter} counts pages of {p.Size.Parameter} items from {p.Page.Minimum ?? 1}; past the last page the page is empty and {TotalName} still counts the list");
                return
                [
                    Make("page", _paging.PageAt(middlePage, size, null), rule, skip: total > size ? null : $"the list holds {Items(total)}, no more than one page of {size}"),
                    Make("page", _paging.PageAt((last - 1) * page, page, null), rule),
                    Make("page", _paging.PageAt(last * page, page, null), rule),
                    .. DirectionPage(size),
                ];
            },
            m =>
            {
                var rule = QueryRule(m.Marker.Parameter, $"a page with {m.Marker.Parameter} starts after the item whose {_paging.Key} it names{(m.Offset is null ? string.Empty : $", and {m.Offset.Parameter} counts on from there")}; a {m.Marker.Parameter} naming no item is answered with the API's 400");
                var known = _reference.KeyAt(middle - 1, []);
                var unknown = _probe.UnknownLike(_reference.KeyAt(0, []) ?? "00000000-0000-4000-8000-000000000000");
                var cases = new List<Case>
                {
                    Make("marker", known is null ? [P(m.Limit.Parameter, size)] : _paging.PageAt(middle, size, _ => known), rule, skip: few ?? (known is null ? "the reference walk named no item to use as a marker" : null)),
                    Make("rejected", [P(m.Marker.Parameter, unknown)], rule),
                    Make("links", [P(m.Limit.Parameter, 2)], LinksRule(), skip: total > 2 ? null : $"the list holds {Items(total)}, so a page of 2 is followed by none"),
                };
                if (m.Offset is { } offset)
                {
                    cases.Insert(1, Make("marker", known is null ? [P(m.Limit.Parameter, size)] : [.. _paging.PageAt(middle, size, _ => known), P(offset.Parameter, 2)], rule, skip: few ?? (known is null ? "the reference walk named no item to use as a marker" : null)));
                    cases.Add(Make("offset", [P(offset.Parameter, total)], OffsetRule(offset.Parameter)));
                    cases.Add(Make("offset", [P(offset.Parameter, total + 7)], OffsetRule(offset.Parameter)));
                }

                return cases;
            });
        return cases;
    }

    /// <summary>The first page in the direction that is not the default.</summary>
    private IEnumerable<Case> DirectionPage(long size)
    {
        if (Reversed() is not { } other) yield break;
        var parameter = _paging.Sort!.DirectionParameter!;
        yield return Make("order", [.. _paging.PageAt(0, size, null), P(parameter, other)], QueryRule(parameter, $"{parameter}={other} lists the oldest item first: the reverse of the default order"));
    }

    /// <summary>Each filter with values the list holds (the first and the last found) and one no item has.</summary>
    private IEnumerable<Case> FilterCases()
    {
        foreach (var filter in _paging.Filters)
        {
            var rule = FilterRule(filter);
            if (!_reference.Complete)
            {
                yield return Make("filter", [P(filter.Parameter, NoSuchValue)], rule, skip: "the reference walk did not reach every item, so the filtered list is unknown");
                continue;
            }

            foreach (var value in FilterValues(filter))
            {
                yield return Make("filter", [P(filter.Parameter, value)], rule);
                if (_paging.Limit is { } limit) yield return Make("filter", [P(filter.Parameter, value), P(limit.Parameter, 2)], rule);
            }

            yield return Make("filter", [P(filter.Parameter, NoSuchValue)], rule);
        }
    }

    /// <summary>The first and the last distinct value of the filter's field in the reference list.</summary>
    private IEnumerable<string> FilterValues(FilterRule filter)
    {
        var values = _reference.Items.Select(i => ReferenceList.Field(i, filter.Field)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return values.Count <= 2 ? values : [values[0], values[^1]];
    }

    /// <summary>The values worth sending for an integer row: each bound and its outside neighbour; for a clamping limit, each honoured range's.</summary>
    private IEnumerable<long> Bounds(FieldDef row)
    {
        var values = new List<long>();
        if (_paging.Limit is { Clamps: true } clamp && clamp.Parameter == row.Name)
        {
            foreach (var (from, to) in clamp.Honoured) values.AddRange([from, to, from - 1, to + 1]);
        }
        else
        {
            if (row.Constraints.Minimum is { } min) values.Add((long)min);
            if (row.Constraints.Maximum is { } max) values.Add((long)max);
            if (row.Constraints.Minimum is { } below) values.Add((long)below - 1);
            if (row.Constraints.Maximum is { } above) values.Add((long)above + 1);
        }

        return values.Distinct();
    }

    // A clamped value cannot show the clamp when the list is no longer than the fallback page.
    private string? ClampHidden(FieldDef row, long value)
    {
        if (_paging.Limit is not { Clamps: true } clamp || clamp.Parameter != row.Name || clamp.Effective(value) == value) return null;
        return _reference.ReportedTotal > clamp.Otherwise ? null : $"the list holds {Items(_reference.ReportedTotal)}, no more than the fallback page of {clamp.Otherwise}, so the clamp cannot show";
    }

    /// <summary>What a parameter does, for a check's name: page-size, offset, page, marker or (any other) accepted.</summary>
    private string Role(string name) =>
        name == SizeParameter ? "page-size" : _paging.Parameters.FirstOrDefault(p => p.Parameter.Parameter == name).Role ?? "accepted";

    /// <summary>The parameter that sets the page size: the limit, or page-number paging's size.</summary>
    private string SizeParameter => _paging.Limit?.Parameter ?? _paging.Parameters.First(p => p.Role == "size").Parameter.Parameter;

    private string TotalName => _paging.Total.TrimStart('/');

    /// <summary>A small page size the model takes as given (2 to 9, from the seed), for pages inside the list.</summary>
    private long SmallSize()
    {
        var preferred = 2 + _probe.Random.Next(8);
        foreach (var size in new long[] { preferred, 3, 2, 5, 1 })
        {
            if (Takes(size)) return size;
        }

        return _paging.DefaultPageSize;
    }

    /// <summary>The direction value that is not the default, when the API takes a direction.</summary>
    private string? Reversed()
    {
        if (_paging.Sort?.DirectionParameter is not { } parameter) return null;
        var row = _api.Request.Query?.Fields.FirstOrDefault(f => f.Name == parameter);
        return row?.Constraints.Enum?.Select(ApiProbe.Text).FirstOrDefault(v => v is not null && !string.Equals(v, _paging.Sort.DefaultDirection, StringComparison.OrdinalIgnoreCase));
    }

    private RuleRef RowRule(FieldDef row)
    {
        var c = row.Constraints;
        if (_paging.Limit is { Clamps: true } clamp && clamp.Parameter == row.Name)
        {
            var honoured = string.Join(" and ", clamp.Honoured.Select(h => h.From == h.To ? h.From.ToString(CultureInfo.InvariantCulture) : $"{h.From}..{h.To}"));
            return QueryRule(row.Name, $"{row.Name}: an integer; {honoured} are used as given, any other integer gives {clamp.Otherwise} items; what is not a 64-bit integer is answered with the API's 400");
        }

        var range = (c.Minimum, c.Maximum) switch
        {
            ({ } min, { } max) => $"an integer from {min} to {max}",
            ({ } min, null) => $"an integer of at least {min}",
            (null, { } max) => $"an integer of at most {max}",
            _ => "a 64-bit integer",
        };
        var effect = Role(row.Name) switch
        {
            "page-size" => $"; it is the page size (absent: {Words(_paging.DefaultPageSize)})",
            "offset" => "; it skips that many items",
            "page" => "; it picks a page",
            _ => string.Empty,
        };
        return QueryRule(row.Name, $"{row.Name} is {range}{effect}; anything else is answered with the API's 400");
    }

    private RuleRef OffsetRule(string name) =>
        QueryRule(name, $"{name} skips that many items of the list; at or past the end the page is empty and {TotalName} still counts the list", BodyRow(_paging.Total));

    private RuleRef FilterRule(FilterRule filter) =>
        QueryRule(filter.Parameter, $"{filter.Parameter} keeps the items whose {filter.Field} equals it, in the list's order, and {TotalName} counts them; a value no item has gives an empty page and 0", BodyRow(_paging.Total));

    private RuleRef LinksRule()
    {
        var rule = _paging.Links!;
        return RuleRef.For(_api, "/pagination/links", $"a next link ({rule.Field}, rel {rule.Rel}) exactly when {rule.When.Replace('-', ' ')}, carrying the limit, the marker (the last item's {_paging.Key}) and the request's filters", BodyRow("/" + rule.Field));
    }

    private static string Words(long n) => n == long.MaxValue ? "all" : n.ToString(CultureInfo.InvariantCulture);
}
