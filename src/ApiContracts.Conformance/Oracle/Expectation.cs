using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Oracle;

/// <summary>A filter a request applies: the model's rule and the value the request gives it.</summary>
/// <param name="Rule">The filter (query parameter and item field).</param>
/// <param name="Value">The value asked for.</param>
public sealed record FilterValue(FilterRule Rule, string Value)
{
    /// <summary>Whether <paramref name="fieldValue"/> (an item's field, as text) is kept by the filter.</summary>
    public bool Keeps(string? fieldValue) => string.Equals(fieldValue, Value, StringComparison.Ordinal);
}

/// <summary>
/// The list a listing API pages through, as the oracle needs to know it: how many items a filter keeps and
/// where a marker leaves off. The property tests answer from a dataset, the probe from a walk of the provider.
/// </summary>
public interface IListUnderTest
{
    /// <summary>How many items the list holds once <paramref name="filters"/> are applied (all of them when empty).</summary>
    long Count(IReadOnlyList<FilterValue> filters);

    /// <summary>
    /// The position, among the items <paramref name="filters"/> keep (newest first), where a page after the item
    /// <paramref name="marker"/> names starts: the number of kept items up to and including it. Null when the
    /// marker names no item of the list.
    /// </summary>
    long? StartAfter(string marker, IReadOnlyList<FilterValue> filters);
}

/// <summary>
/// What the documents say a listing request gets: the API's 400 naming each rejected parameter, or a page: the
/// total, the positions of the items on it and whether a next link is due, with what it carries.
/// </summary>
/// <param name="Rejected">The parameters the API rejects; empty for a page.</param>
/// <param name="Total">The total the page reports (the items the filters keep, before paging).</param>
/// <param name="Positions">The items on the page, as positions in the filtered list, newest first (0 is the newest).</param>
/// <param name="Filters">The filters applied.</param>
/// <param name="Link">Whether a next link is due.</param>
/// <param name="LinkLimit">The limit a due next link carries.</param>
public sealed record Expectation(
    IReadOnlyList<string> Rejected,
    long Total,
    IReadOnlyList<long> Positions,
    IReadOnlyList<FilterValue> Filters,
    bool Link,
    long? LinkLimit)
{
    /// <summary>Whether the request is answered with the API's 400.</summary>
    public bool IsRejection => Rejected.Count > 0;

    /// <summary>The answer naming <paramref name="parameters"/> as rejected.</summary>
    public static Expectation Rejection(IReadOnlyList<string> parameters) => new(parameters, 0, [], [], false, null);
}
