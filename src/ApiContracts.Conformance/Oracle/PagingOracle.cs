using System.Globalization;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Oracle;

/// <summary>
/// The documented paging rules, stated once and derived from each definition: its query table (types, enums,
/// bounds, defaults) and its paging model (page size, start, direction, filters, next links). Written plainly and
/// apart from the stub's <see cref="Paging.Select"/>, so the property tests compare the stub with the rules, and
/// <c>apicontracts probe</c> holds any provider to the same statement.
/// </summary>
public static class PagingOracle
{
    /// <summary>What <paramref name="api"/> answers <paramref name="query"/> (as sent: names and raw values) over <paramref name="list"/>.</summary>
    /// <exception cref="ArgumentException">When the API does not page.</exception>
    public static Expectation Expect(ApiDefinition api, IReadOnlyList<KeyValuePair<string, string>> query, IListUnderTest list)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(list);
        var paging = api.Pagination ?? throw new ArgumentException($"{api.Id} does not page", nameof(api));

        // Every parameter of the query table: given at most once, of its type, inside its enum and bounds.
        // Parameters the table does not list are ignored. A clamping limit takes any 64-bit integer.
        var rejected = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in api.Request.Query?.Fields ?? [])
        {
            var given = query.Where(kv => kv.Key == row.Name).Select(kv => kv.Value).ToList();
            if (given.Count == 0)
            {
                if (row.Mandatory) rejected.Add(row.Name);
                continue;
            }

            if (given.Count > 1 || !Accepts(row, given[0])) rejected.Add(row.Name);
            else values[row.Name] = given[0];
        }

        if (rejected.Count > 0) return Expectation.Rejection(rejected);

        var filters = paging.Filters.Where(f => values.ContainsKey(f.Parameter)).Select(f => new FilterValue(f, values[f.Parameter])).ToList();
        var total = list.Count(filters);
        long? Integer(string? name) => name is not null && values.TryGetValue(name, out var text) ? long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

        // The direction asked for, or the default: "desc" in any case lists the newest first.
        var direction = paging.Sort?.DirectionParameter is { } d && values.TryGetValue(d, out var asked) ? asked : paging.Sort?.DefaultDirection;
        var newestFirst = direction is null || string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase);

        var window = paging.Match(
            o => new Window(Integer(o.Offset.Parameter) ?? o.Offset.Default ?? 0, Clamped(o.Limit, Integer(o.Limit.Parameter)) ?? o.Limit.Default ?? long.MaxValue, null, null),
            p =>
            {
                var size = Integer(p.Size.Parameter) ?? p.Size.Default ?? 10;
                var first = p.Page.Minimum ?? 1;
                var page = Integer(p.Page.Parameter) ?? p.Page.Default ?? first;
                return new Window(page - first > long.MaxValue / size ? long.MaxValue : (page - first) * size, size, null, null);
            },
            m =>
            {
                long start = 0;
                if (values.TryGetValue(m.Marker.Parameter, out var marker))
                {
                    // A marker naming no item of the list is the API's 400.
                    if (list.StartAfter(marker, filters) is not { } after) return new Window(0, 0, null, m.Marker.Parameter);
                    start = after;
                }

                // An offset counts on from the marker; a request without limit gets the largest page (EVS's A3).
                var skip = (m.Offset is null ? null : Integer(m.Offset.Parameter)) ?? m.Offset?.Default ?? 0;
                start = skip >= total - start ? total : start + skip;
                var limit = Integer(m.Limit.Parameter);
                return new Window(start, limit ?? m.Limit.Default ?? m.Limit.Maximum ?? long.MaxValue, m.Links is null ? null : limit, null);
            });
        if (window.Rejected is { } parameter) return Expectation.Rejection([parameter]);

        var begin = Math.Min(Math.Max(window.Start, 0), total);
        var count = Math.Max(0, Math.Min(window.Size, total - begin));
        var positions = new List<long>((int)Math.Min(count, 100_000));
        for (long i = 0; i < count; i++) positions.Add(newestFirst ? begin + i : total - 1 - (begin + i));

        // A next link exactly when a limit was given and more items follow the page.
        var link = window.LinkLimit is not null && count > 0 && begin + count < total;
        return new Expectation([], total, positions, filters, link, link ? window.LinkLimit : null);
    }

    /// <summary>Whether a row takes <paramref name="text"/>: its type, enum, bounds and lengths, as the definition states them.</summary>
    public static bool Accepts(FieldDef row, string text)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        var c = row.Constraints;
        decimal? number = null;
        switch (row.Type)
        {
            case FieldType.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
                number = n;
                break;
            case FieldType.Number:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || !double.IsFinite(real)) return false;
                number = (decimal)real;
                break;
            case FieldType.Boolean:
                if (text is not ("true" or "false")) return false;
                break;
        }

        if (c.Enum is { } allowed && !allowed.Any(v => string.Equals(v is System.Text.Json.Nodes.JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString(), text, StringComparison.Ordinal))) return false;
        if (number is { } value && (value < c.Minimum || value > c.Maximum)) return false;
        if (row.Type == FieldType.String && (text.Length < c.MinLength || text.Length > c.MaxLength)) return false;
        return true;
    }

    // The clamping rule of a limit: a value inside an honoured range is used as given, any other gives the fallback.
    private static long? Clamped(LimitRule rule, long? given)
    {
        if (given is not { } value || rule.Otherwise is not { } otherwise) return given;
        return rule.Honoured.Any(h => value >= h.From && value <= h.To) ? value : otherwise;
    }

    private sealed record Window(long Start, long Size, long? LinkLimit, string? Rejected);
}
