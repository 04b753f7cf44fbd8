using System.Text.Json.Nodes;
using ApiContracts.Conformance.Oracle;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>One page of a walk: the query sent and the answer.</summary>
/// <param name="Query">The query.</param>
/// <param name="Exchange">The answer.</param>
/// <param name="Items">The page's items (empty when the answer had none).</param>
/// <param name="Total">The total the page reported, when it did.</param>
internal sealed record WalkPage(IReadOnlyList<KeyValuePair<string, string>> Query, Exchange Exchange, IReadOnlyList<JsonNode> Items, long? Total);

/// <summary>A walk from a first page along the model's next pages.</summary>
/// <param name="Pages">The pages answered, in order.</param>
/// <param name="Items">Every item seen, in order, repeats included.</param>
/// <param name="Problem">Why the walk stopped short (an error answer, no end within the bound, the budget), or null when it ended.</param>
/// <param name="Evidence">The exchange the problem shows in.</param>
internal sealed record Walk(IReadOnlyList<WalkPage> Pages, IReadOnlyList<JsonNode> Items, string? Problem, Exchange? Evidence)
{
    /// <summary>Whether the walk reached the list's end as the model names it.</summary>
    public bool Ended => Problem is null;

    /// <summary>Whether the walk stopped because the request budget could not pay for it (the check is skipped).</summary>
    public bool OutOfBudget { get; init; }

    /// <summary>The total the first page reported.</summary>
    public long? FirstTotal => Pages.Count > 0 ? Pages[0].Total : null;
}

/// <summary>
/// The provider's list as a reference walk found it (largest pages, default order): what the oracle asks of a
/// list, and the items other requests are compared with. A list walked only in part answers for that part.
/// </summary>
internal sealed class ReferenceList(Paging paging, IReadOnlyList<JsonNode> items, long reportedTotal, bool complete) : IListUnderTest
{
    private readonly Dictionary<string, int> _positions = Positions(paging, items);

    /// <summary>The items, first occurrences only, in the order walked.</summary>
    public IReadOnlyList<JsonNode> Items { get; } = Distinct(paging, items);

    /// <summary>The total the provider reported on the first page.</summary>
    public long ReportedTotal { get; } = reportedTotal;

    /// <summary>Whether the walk reached the end with every item once and as many as reported.</summary>
    public bool Complete { get; } = complete;

    /// <inheritdoc />
    public long Count(IReadOnlyList<FilterValue> filters) => filters.Count == 0 ? ReportedTotal : Kept(filters).Count;

    /// <inheritdoc />
    public long? StartAfter(string marker, IReadOnlyList<FilterValue> filters)
    {
        if (!_positions.TryGetValue(marker, out var position)) return null;
        return filters.Count == 0 ? position + 1 : Items.Take(position + 1).Count(i => Keeps(filters, i));
    }

    /// <summary>The key of the item at <paramref name="position"/> of the filtered list, or null beyond what was walked.</summary>
    public string? KeyAt(long position, IReadOnlyList<FilterValue> filters)
    {
        var list = filters.Count == 0 ? Items : Kept(filters);
        return position >= 0 && position < list.Count ? paging.KeyOf(list[(int)position]) : null;
    }

    /// <summary>The items <paramref name="filters"/> keep, in order.</summary>
    public IReadOnlyList<JsonNode> Kept(IReadOnlyList<FilterValue> filters) => Items.Where(i => Keeps(filters, i)).ToList();

    /// <summary>An item's field as text: a string as is, anything else as JSON.</summary>
    public static string? Field(JsonNode? item, string field) =>
        item?[field] is JsonValue v && v.TryGetValue<string>(out var text) ? text : item?[field]?.ToJsonString();

    private static bool Keeps(IReadOnlyList<FilterValue> filters, JsonNode item) => filters.All(f => f.Keeps(Field(item, f.Rule.Field)));

    private static List<JsonNode> Distinct(Paging paging, IReadOnlyList<JsonNode> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return items.Where(i => paging.KeyOf(i) is not { } key || seen.Add(key)).ToList();
    }

    private static Dictionary<string, int> Positions(Paging paging, IReadOnlyList<JsonNode> items)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = Distinct(paging, items);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (paging.KeyOf(distinct[i]) is { } key) positions.TryAdd(key, i);
        }

        return positions;
    }
}
