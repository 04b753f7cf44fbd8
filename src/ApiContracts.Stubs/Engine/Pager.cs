using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Stubs.Engine;

/// <summary>One page of a dataset: which records, in which order, the total, and where the next page starts.</summary>
/// <param name="Total">The total the API reports (after filters, before paging).</param>
/// <param name="Indices">The dataset indices on the page, in answer order.</param>
/// <param name="NextLimit">For marker paging: the limit of the next link, when one is due.</param>
public sealed record PageWindow(long Total, IReadOnlyList<long> Indices, long? NextLimit);

/// <summary>
/// The paging rules of the definitions applied to a dataset, in O(page size) for any dataset size:
/// the one model the stub server, the packs and the property tests share.
/// </summary>
public static class Pager
{
    /// <summary>The largest page an EVS listing without <c>limit</c> returns (assumption A3).</summary>
    public const long UnboundedCap = 1000;

    /// <summary>
    /// The window <paramref name="query"/> (already validated and typed) selects from <paramref name="dataset"/>,
    /// or an error message for a 400 (an unknown marker).
    /// </summary>
    public static (PageWindow? Window, string? Problem) Window(ApiDefinition api, Dataset dataset, JsonObject query)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(query);
        var paging = api.Pagination ?? throw new ArgumentException($"{api.Id} does not page", nameof(api));
        var newestFirst = NewestFirst(paging.Sort, query);
        switch (paging.Style)
        {
            case "page-number":
            {
                var page = Long(query, paging.Page!.Parameter) ?? paging.Page.Default ?? 1;
                var size = Long(query, paging.Size!.Parameter) ?? paging.Size.Default ?? 10;
                return (Slice(dataset.Size, SafeMultiply(page - 1, size), size, newestFirst), null);
            }

            case "marker":
                return Marker(api, paging, dataset, query);
            default:
            {
                var limitRule = paging.Limit!;
                var requested = Long(query, limitRule.Parameter);
                var limit = requested is { } r ? limitRule.Effective(r) : limitRule.Default ?? long.MaxValue;
                var offset = Long(query, paging.Offset!.Parameter) ?? paging.Offset.Default ?? 0;
                return (Slice(dataset.Size, offset, limit, newestFirst), null);
            }
        }
    }

    /// <summary>Whether the requested (or default) sort direction lists the newest record first.</summary>
    public static bool NewestFirst(SortRule? sort, JsonObject query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (sort?.DirectionParameter is null) return true;
        var direction = (string?)query[sort.DirectionParameter] ?? sort.DefaultDirection;
        return string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase);
    }

    private static PageWindow Slice(long total, long offset, long limit, bool newestFirst)
    {
        var start = Math.Min(Math.Max(offset, 0), total);
        var count = Math.Max(0, Math.Min(limit, total - start));
        var indices = new long[count];
        for (var i = 0; i < count; i++) indices[i] = newestFirst ? start + i : total - 1 - (start + i);
        return new PageWindow(total, indices, null);
    }

    private static (PageWindow?, string?) Marker(ApiDefinition api, PaginationModel paging, Dataset dataset, JsonObject query)
    {
        var filter = StatusFilter.For(api, dataset, query);
        var total = filter.Count(dataset.Size);
        long start = 0;
        if ((string?)query[paging.Marker!.Parameter] is { } marker)
        {
            var index = IndexCodec.Decode(dataset.Key, marker, dataset.Size);
            if (index < 0) return (null, $"query parameter '{paging.Marker.Parameter}': '{marker}' names no snapshot of this project (a marker is the id of the last snapshot of the previous page)");
            start = filter.Count(index + 1);
        }

        var skip = Long(query, paging.Offset?.Parameter) ?? 0;
        start = skip >= total - start ? total : start + skip; // saturating: offset may be long.MaxValue
        var given = paging.Limit is not null ? Long(query, paging.Limit.Parameter) : null;
        var count = Math.Max(0, Math.Min(given ?? UnboundedCap, total - start));
        var indices = new long[count];
        for (var i = 0; i < count; i++) indices[i] = filter.IndexOf(start + i);
        // Next links only when a limit was given and more snapshots follow (the document's rule).
        long? next = given is { } l && start + count < total && count > 0 ? l : null;
        return (new PageWindow(total, indices, next), null);
    }

    private static long? Long(JsonObject query, string? name) => name is not null && query[name] is JsonValue v ? v.GetValue<long>() : null;

    private static long SafeMultiply(long a, long b) => a > 0 && b > 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}

/// <summary>
/// A filter on a slot-assigned field (EVS status): <see cref="EvsSlots"/> counts the matches among the first
/// n records and finds the k-th match in O(block size), so filtered pages cost O(page size) for any dataset.
/// </summary>
public sealed class StatusFilter
{
    private readonly EvsSlots? _slots;
    private readonly string? _status;

    private StatusFilter(EvsSlots? slots, string? status)
    {
        _slots = slots;
        _status = status;
    }

    /// <summary>The filter the query asks for, or a filter keeping every record.</summary>
    public static StatusFilter For(ApiDefinition api, Dataset dataset, JsonObject query)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(query);
        var filter = api.Pagination?.Filters.FirstOrDefault(f => query.ContainsKey(f.Parameter));
        if (filter is null) return new StatusFilter(null, null);
        // Only a slot-assigned field can be counted without a scan; say so rather than filter wrongly.
        var field = RecordGenerator.ItemsField(api)?.Items?.Fields?.Fields.FirstOrDefault(f => f.Name == filter.Field);
        if (field?.Constraints.Hint != "evs-snapshot-status")
        {
            throw new NotSupportedException($"{api.Id}: the filter '{filter.Parameter}' is on '{filter.Field}', which is not slot-assigned (hint evs-snapshot-status); the stub can only filter such fields");
        }

        return new StatusFilter(EvsSlots.For(dataset), (string?)query[filter.Parameter]);
    }

    /// <summary>How many of the first <paramref name="size"/> records match.</summary>
    public long Count(long size) => _slots is null ? size : _slots.Count(_status, size);

    /// <summary>The dataset index of the <paramref name="k"/>-th match (0-based).</summary>
    public long IndexOf(long k) => _slots is null ? k : _slots.IndexOf(_status, k);
}
