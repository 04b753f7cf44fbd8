namespace ApiContracts.Core.Definitions;

/// <summary>How an API pages its list: the one model the stub server, packs, pacts and property tests share.</summary>
/// <param name="Style"><c>offset-limit</c>, <c>page-number</c> or <c>marker</c>.</param>
/// <param name="Items">JSON pointer to the item array in the success body.</param>
/// <param name="Total">JSON pointer to the total in the success body.</param>
/// <param name="Limit">The page-size parameter of offset-limit and marker paging.</param>
/// <param name="Offset">The offset parameter.</param>
/// <param name="Page">The page-number parameter.</param>
/// <param name="Size">The page-size parameter of page-number paging.</param>
/// <param name="Marker">The marker parameter.</param>
/// <param name="Links">Where next links are answered.</param>
/// <param name="Sort">The sort parameters.</param>
/// <param name="Filters">Query parameters that filter items by a field.</param>
public sealed record PaginationModel(
    string Style,
    string Items,
    string Total,
    LimitRule? Limit,
    PagingParameter? Offset,
    PagingParameter? Page,
    PagingParameter? Size,
    PagingParameter? Marker,
    LinkRule? Links,
    SortRule? Sort,
    IReadOnlyList<FilterRule> Filters);

/// <summary>A paging parameter with its default and bounds; outside the bounds is a 400.</summary>
/// <param name="Parameter">The query parameter.</param>
/// <param name="Default">Its value when absent.</param>
/// <param name="Minimum">The smallest accepted value.</param>
/// <param name="Maximum">The largest accepted value.</param>
public sealed record PagingParameter(string Parameter, long? Default, long? Minimum, long? Maximum);

/// <summary>A page-size rule: either rejecting (bounds) or clamping (honoured ranges, else a fallback).</summary>
/// <param name="Parameter">The query parameter.</param>
/// <param name="Default">The value used when the parameter is absent; null when absent means "no limit".</param>
/// <param name="Minimum">Rejecting: the smallest accepted value.</param>
/// <param name="Maximum">Rejecting: the largest accepted value.</param>
/// <param name="Honoured">Clamping: the inclusive ranges used as given.</param>
/// <param name="Otherwise">Clamping: the value used for anything else.</param>
public sealed record LimitRule(
    string Parameter,
    long? Default,
    long? Minimum,
    long? Maximum,
    IReadOnlyList<(long From, long To)> Honoured,
    long? Otherwise)
{
    /// <summary>Whether out-of-range values are replaced rather than rejected.</summary>
    public bool Clamps => Otherwise is not null;

    /// <summary>The page size used for a requested value, under the clamping rule.</summary>
    public long Effective(long requested)
    {
        if (!Clamps) return requested;
        foreach (var (from, to) in Honoured)
        {
            if (requested >= from && requested <= to) return requested;
        }

        return Otherwise!.Value;
    }
}

/// <summary>Where next links go.</summary>
/// <param name="Field">The body field holding the links.</param>
/// <param name="Rel">The rel of the next link.</param>
/// <param name="When">When the links are present (a documented condition's name).</param>
public sealed record LinkRule(string Field, string Rel, string When);

/// <summary>Sorting parameters.</summary>
/// <param name="Parameter">The sort-field parameter, or null when the API does not take one.</param>
/// <param name="Default">The default sort field.</param>
/// <param name="Fields">The sort fields modelled.</param>
/// <param name="DirectionParameter">The direction parameter.</param>
/// <param name="DefaultDirection">The default direction as the API spells it.</param>
public sealed record SortRule(string? Parameter, string Default, IReadOnlyList<string> Fields, string? DirectionParameter, string DefaultDirection);

/// <summary>A query parameter that keeps only items whose field equals it.</summary>
/// <param name="Parameter">The query parameter.</param>
/// <param name="Field">The item field compared.</param>
public sealed record FilterRule(string Parameter, string Field);

/// <summary>What a dataset of the API is: its parent resource, the known parents, constant envelope members.</summary>
/// <param name="Description">What a record is, in our words.</param>
/// <param name="Parent">The path parameter naming the parent resource (a record belongs to one parent).</param>
/// <param name="Parents">The known parents, each a full set of path parameter values; the first is the default.</param>
/// <param name="Envelope">Constant members of the success envelope (PAI's <c>Success</c>).</param>
/// <param name="Source">For APIs that act on another API's records: that API's id.</param>
public sealed record DatasetModel(
    string Description,
    string Parent,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Parents,
    System.Text.Json.Nodes.JsonObject Envelope,
    string? Source)
{
    /// <summary>The known parent whose parent id is <paramref name="parentId"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? FindParent(string parentId) =>
        Parents.FirstOrDefault(p => string.Equals(p[Parent], parentId, StringComparison.Ordinal));
}
