using System.Globalization;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Properties.Tests;

/// <summary>What the documents say a listing request gets: a 400 naming parameters, or a page (total, records, links).</summary>
public sealed record Expected(IReadOnlyList<string> Rejected, long Total, IReadOnlyList<long> Indices, bool Links, string? Marker)
{
    public bool IsError => Rejected.Count > 0;
}

/// <summary>
/// The paging rules restated from the definitions, plainly and independently of the stub's pager:
/// the property tests compare the stub with this.
/// </summary>
public static class Oracle
{
    public static Expected For(ApiDefinition api, PageCase c, Dataset dataset) => api.Id switch
    {
        "servicestage-instance-snapshots" => OffsetLimit(c, clamp: true, limitMin: null, limitMax: null, defaultLimit: 1000, directions: ["desc", "asc"]),
        "servicestage-config-histories" => OffsetLimit(c, clamp: false, limitMin: 0, limitMax: 100, defaultLimit: 10, directions: ["desc", "asc"]),
        "pai-dsw-instance-snapshots" => PageNumber(c),
        "evs-snapshots-detail" => Marker(c, dataset),
        _ => throw new ArgumentException(api.Id),
    };

    /// <summary>The request URL's query for a case.</summary>
    public static string QueryFor(ApiDefinition api, PageCase c, Dataset dataset) => api.Id switch
    {
        "servicestage-instance-snapshots" or "servicestage-config-histories" =>
            Query.Of(("limit", c.A), ("offset", c.B), ("order", c.Order is null ? QueryValue.Absent : QueryValue.OfText(c.Order))),
        "pai-dsw-instance-snapshots" =>
            Query.Of(("PageNumber", c.A), ("PageSize", c.B), ("Order", c.Order is null ? QueryValue.Absent : QueryValue.OfText(c.Order))),
        _ => Query.Of(("limit", c.A), ("offset", c.B), ("status", c.Extra is null ? QueryValue.Absent : QueryValue.OfText(c.Extra)), ("marker", MarkerValue(c, dataset))),
    };

    /// <summary>EVS: the list the filter keeps, newest first (index order).</summary>
    public static List<long> Filtered(Dataset dataset, string? status)
    {
        // A scan over each record's own status: independent of the counting the stub does.
        var slots = EvsSlots.For(dataset);
        var list = new List<long>();
        for (long i = 0; i < dataset.Size; i++)
        {
            if (status is null || slots.Status(i) == status) list.Add(i);
        }

        return list;
    }

    private static QueryValue MarkerValue(PageCase c, Dataset dataset)
    {
        if (c.Marker == -2) return QueryValue.OfText("00000000-0000-4000-8000-000000000000");
        var filtered = Filtered(dataset, c.Extra);
        return c.Marker >= 0 && c.Marker < filtered.Count ? QueryValue.OfText(IndexCodec.Encode(dataset.Key, filtered[c.Marker])) : QueryValue.Absent;
    }

    // A documented integer: absent, a 64-bit integer, or a problem (text, overflow, repeated).
    private static (bool Ok, long? Value) Integer(QueryValue v) => v.Kind switch
    {
        "absent" => (true, null),
        "number" => (true, v.Number),
        "text" => long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (true, n) : (false, null),
        _ => (false, null),
    };

    private static Expected OffsetLimit(PageCase c, bool clamp, long? limitMin, long? limitMax, long defaultLimit, string[] directions)
    {
        var rejected = new List<string>();
        var (limitOk, limit) = Integer(c.A);
        if (!limitOk || (!clamp && limit is { } l && (l < limitMin || l > limitMax))) rejected.Add("limit");
        var (offsetOk, offset) = Integer(c.B);
        if (!offsetOk || offset < 0) rejected.Add("offset");
        if (c.Order is not null && !directions.Contains(c.Order, StringComparer.Ordinal)) rejected.Add("order");
        if (rejected.Count > 0) return new Expected(rejected, 0, [], false, null);

        // ServiceStage snapshots: 0..100 and 1000 are used as given, any other integer becomes 10.
        var effective = limit is not { } given ? defaultLimit : !clamp || (given is >= 0 and <= 100) || given == 1000 ? given : 10;
        var newestFirst = c.Order is null or "desc";
        return new Expected([], c.Size, Slice(c.Size, offset ?? 0, effective, newestFirst), false, null);
    }

    private static Expected PageNumber(PageCase c)
    {
        var rejected = new List<string>();
        var (pageOk, page) = Integer(c.A);
        if (!pageOk || page < 1) rejected.Add("PageNumber");
        var (sizeOk, size) = Integer(c.B);
        if (!sizeOk || size < 1 || size > 100) rejected.Add("PageSize");
        if (c.Order is not null && c.Order is not ("ASC" or "DESC")) rejected.Add("Order");
        if (rejected.Count > 0) return new Expected(rejected, 0, [], false, null);
        var s = size ?? 10;
        var p = page ?? 1;
        var offset = p - 1 > long.MaxValue / s ? long.MaxValue : (p - 1) * s;
        return new Expected([], c.Size, Slice(c.Size, offset, s, c.Order is null or "DESC"), false, null);
    }

    private static Expected Marker(PageCase c, Dataset dataset)
    {
        var rejected = new List<string>();
        var (limitOk, limit) = Integer(c.A);
        if (!limitOk || limit < 1 || limit > 1000) rejected.Add("limit");
        var (offsetOk, offset) = Integer(c.B);
        if (!offsetOk || offset < 0) rejected.Add("offset");
        if (rejected.Count > 0) return new Expected(rejected, 0, [], false, null);
        if (c.Marker == -2) return new Expected(["marker"], 0, [], false, null);

        var filtered = Filtered(dataset, c.Extra);
        var start = c.Marker >= 0 && c.Marker < filtered.Count ? c.Marker + 1 : 0L;
        var skip = offset ?? 0;
        start = skip >= filtered.Count - start ? filtered.Count : start + skip;
        var count = Math.Max(0, Math.Min(limit ?? 1000, filtered.Count - start));
        var indices = filtered.Skip((int)start).Take((int)count).ToList();
        var links = limit is not null && start + count < filtered.Count && count > 0;
        return new Expected([], filtered.Count, indices, links, links ? IndexCodec.Encode(dataset.Key, indices[^1]) : null);
    }

    private static List<long> Slice(long size, long offset, long limit, bool newestFirst)
    {
        var result = new List<long>();
        for (var p = offset; p < size && p - offset < limit; p++) result.Add(newestFirst ? p : size - 1 - p);
        return result;
    }
}
