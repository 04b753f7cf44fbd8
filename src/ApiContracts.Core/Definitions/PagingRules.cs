namespace ApiContracts.Core.Definitions;


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

    /// <summary>
    /// The largest page the rule lets a request ask for: the top of the highest honoured range when it clamps,
    /// else the maximum; null when the definition sets neither.
    /// </summary>
    public long? Largest => Clamps ? Honoured.Max(h => h.To) : Maximum;
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
/// <param name="ItemField">The item field the default sort orders by (GmtCreateTime for PAI's gmtCreate), or null when the definition names none.</param>
public sealed record SortRule(string? Parameter, string Default, IReadOnlyList<string> Fields, string? DirectionParameter, string DefaultDirection, string? ItemField)
{
    /// <summary>
    /// Whether a request whose direction parameter holds <paramref name="requested"/> (null: absent) lists the newest
    /// item first: the requested or default direction is <c>desc</c> in any case, as the documents spell it.
    /// </summary>
    public bool NewestFirst(string? requested) =>
        DirectionParameter is null || string.Equals(requested ?? DefaultDirection, "desc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A query parameter that keeps only items whose field equals it.</summary>
/// <param name="Parameter">The query parameter.</param>
/// <param name="Field">The item field compared.</param>
public sealed record FilterRule(string Parameter, string Field);
