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
/// The paging rules of the definitions applied to a dataset, in O(page size) for any dataset size: the API's
/// <see cref="Paging"/> selects the window, a <see cref="StatusFilter"/> maps its positions to dataset records.
/// </summary>
public static class Pager
{
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
        var filter = StatusFilter.For(api, dataset, query);
        var selection = paging.Select(query, filter.Count(dataset.Size), marker =>
        {
            var index = IndexCodec.Decode(dataset.Key, marker, dataset.Size);
            return index < 0 ? null : filter.Count(index + 1);
        });
        if (selection.UnknownMarker is var (parameter, unknown))
        {
            return (null, $"query parameter '{parameter}': '{unknown}' names no snapshot of this project (a marker is the id of the last snapshot of the previous page)");
        }

        var indices = new long[selection.Count];
        for (var i = 0; i < indices.Length; i++) indices[i] = filter.IndexOf(selection.Position(i));
        return (new PageWindow(selection.Total, indices, selection.NextLimit), null);
    }
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
