using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Properties.Tests;

/// <summary>
/// A virtual dataset as the shared oracle (<see cref="PagingOracle"/>) sees a list. Filters are answered by a
/// scan over each record's own status, independently of the counting the stub does; markers are record ids.
/// </summary>
public sealed class DatasetList(Dataset dataset) : IListUnderTest
{
    private readonly Dictionary<string, List<long>> _kept = [];

    public long Count(IReadOnlyList<FilterValue> filters) => filters.Count == 0 ? dataset.Size : Kept(filters).Count;

    public long? StartAfter(string marker, IReadOnlyList<FilterValue> filters)
    {
        var index = IndexCodec.Decode(dataset.Key, marker, dataset.Size);
        if (index < 0) return null;
        return filters.Count == 0 ? index + 1 : Kept(filters).Count(i => i <= index);
    }

    /// <summary>The dataset index of the item at <paramref name="position"/> of the filtered list (newest first).</summary>
    public long IndexAt(long position, IReadOnlyList<FilterValue> filters) => filters.Count == 0 ? position : Kept(filters)[(int)position];

    /// <summary>The dataset indices <paramref name="filters"/> keep, newest first.</summary>
    public List<long> Kept(IReadOnlyList<FilterValue> filters)
    {
        var key = string.Join('\n', filters.Select(f => $"{f.Rule.Field}={f.Value}"));
        if (_kept.TryGetValue(key, out var cached)) return cached;
        foreach (var filter in filters)
        {
            // The datasets assign only EVS statuses from slots; a filter on another field would need its own scan.
            if (RecordGenerator.ItemsField(dataset.Api)?.Items?.Fields?.Fields.FirstOrDefault(f => f.Name == filter.Rule.Field)?.Constraints.Hint != "evs-snapshot-status")
            {
                throw new NotSupportedException($"{dataset.Api.Id}: no scan for a filter on '{filter.Rule.Field}'");
            }
        }

        var slots = EvsSlots.For(dataset);
        var list = new List<long>();
        for (long i = 0; i < dataset.Size; i++)
        {
            if (filters.All(f => f.Keeps(slots.Status(i)))) list.Add(i);
        }

        _kept[key] = list;
        return list;
    }
}

/// <summary>A <see cref="PageCase"/> as the query a client sends: its two values on the style's two paging parameters.</summary>
public static class PageCases
{
    public static List<KeyValuePair<string, string>> Query(ApiDefinition api, PageCase c, Dataset dataset)
    {
        var paging = api.Pagination!;
        // The first value goes to the page size or page number, the second to the offset or page size.
        var (a, b) = paging.Match(o => (o.Limit.Parameter, o.Offset.Parameter), p => (p.Page.Parameter, p.Size.Parameter), m => (m.Limit.Parameter, m.Offset?.Parameter));
        var marker = paging.Match<string?>(_ => null, _ => null, m => m.Marker.Parameter);
        var query = new List<KeyValuePair<string, string>>();
        void Add(string? name, IEnumerable<string> raw)
        {
            if (name is not null) query.AddRange(raw.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        Add(a, c.A.Raw());
        Add(b, c.B.Raw());
        Add(paging.Sort?.DirectionParameter, c.Order is null ? [] : [c.Order]);
        Add(paging.Filters.FirstOrDefault()?.Parameter, c.Extra is null ? [] : [c.Extra]);
        Add(marker, MarkerValue(api, c, dataset));
        return query;
    }

    // -2: an id of no record; 0..n: the id of that position in the filtered list; otherwise none.
    private static IEnumerable<string> MarkerValue(ApiDefinition api, PageCase c, Dataset dataset)
    {
        if (c.Marker == -2) return ["00000000-0000-4000-8000-000000000000"];
        var filters = api.Pagination!.Filters.Take(c.Extra is null ? 0 : 1).Select(f => new FilterValue(f, c.Extra!)).ToList();
        var kept = new DatasetList(dataset);
        return c.Marker >= 0 && c.Marker < kept.Count(filters) ? [IndexCodec.Encode(dataset.Key, kept.IndexAt(c.Marker, filters))] : [];
    }
}
