using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Definitions;

/// <summary>
/// How an API pages its list: one of a closed set of styles (<see cref="OffsetLimitPaging"/>,
/// <see cref="PageNumberPaging"/>, <see cref="MarkerPaging"/>), each answering for itself what the stub server,
/// the packs, the pacts, the fixtures, the docs and the conformance checks ask of it, so no consumer switches on
/// a style's name. The definition loader makes only these three. Code that restates a style's rules on its own
/// (the conformance oracle, a test script) goes through <see cref="Match{T}"/>, which names every style.
/// </summary>
public abstract record Paging
{
    private protected Paging(string items, string? key, string total, LinkRule? links, SortRule? sort, IReadOnlyList<FilterRule> filters)
    {
        Items = items;
        Key = key;
        Total = total;
        Links = links;
        Sort = sort;
        Filters = filters;
    }

    /// <summary>JSON pointer to the item array in the success body.</summary>
    public string Items { get; }

    /// <summary>
    /// The item field whose value tells items apart (a snapshot's id), which the conformance checks follow across
    /// pages; null when the definition names none.
    /// </summary>
    public string? Key { get; }

    /// <summary>The value identifying <paramref name="item"/> (see <see cref="Key"/>) as text, or null when it has none.</summary>
    public string? KeyOf(JsonNode? item) => Key is null || item?[Key] is not JsonValue value
        ? null
        : value.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>JSON pointer to the total in the success body.</summary>
    public string Total { get; }

    /// <summary>Where next links are answered, when the API answers them.</summary>
    public LinkRule? Links { get; }

    /// <summary>The sort parameters.</summary>
    public SortRule? Sort { get; }

    /// <summary>Query parameters that filter items by a field.</summary>
    public IReadOnlyList<FilterRule> Filters { get; }

    /// <summary>The style's name as a definition writes it (<c>offset-limit</c>, <c>page-number</c>, <c>marker</c>), for display.</summary>
    public abstract string Style { get; }

    /// <summary>The page-size rule of the styles that take a limit; null for page-number paging, whose page size is a bounded parameter.</summary>
    public virtual LimitRule? Limit => null;

    /// <summary>The other paging parameters with their role (<c>offset</c>, <c>page</c>, <c>size</c>, <c>marker</c>), in that order.</summary>
    public abstract IReadOnlyList<(string Role, PagingParameter Parameter)> Parameters { get; }

    /// <summary>How many items a request that names no page size gets.</summary>
    public abstract long DefaultPageSize { get; }

    /// <summary>The largest page a request can ask for, or null when the definition sets no bound.</summary>
    public abstract long? LargestPage { get; }

    /// <summary>A query parameter and value the API rejects with its 400 (the bad-parameter example of packs and pacts).</summary>
    public abstract (string Parameter, string Value) RejectedExample { get; }

    /// <summary>
    /// The explicit page the reference pacts ask for: its query, the list position it starts at and how many items
    /// it holds (five items from position five, or from the start where a later page needs a marker).
    /// </summary>
    public virtual (IReadOnlyList<KeyValuePair<string, string>> Query, long Start, long Count) ExplicitExample => (PageAt(5, 5, null), 5, 5);

    /// <summary>
    /// The query asking for the page of <paramref name="size"/> items that starts at list position
    /// <paramref name="start"/>. Marker paging names the item before the page with <paramref name="markerAt"/>
    /// (the id of the item at a position); page-number paging starts at the page holding <paramref name="start"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When the style needs a marker and none can be named.</exception>
    public abstract IReadOnlyList<KeyValuePair<string, string>> PageAt(long start, long size, Func<long, string>? markerAt);

    /// <summary>
    /// The window a validated, typed <paramref name="query"/> selects from a list of <paramref name="total"/> items
    /// (after filters). <paramref name="startAfterMarker"/> gives the position after the item a marker names, or
    /// null when it names none (then <see cref="PageSelection.UnknownMarker"/> names the parameter and value, and nothing is selected).
    /// </summary>
    public abstract PageSelection Select(JsonObject query, long total, Func<string, long?> startAfterMarker);

    /// <summary>
    /// The query of the page after the one <paramref name="query"/> was answered with (<paramref name="answer"/>,
    /// the success body), or null when the list ends there: the next offset or page number, or the next link's
    /// query. Other parameters (sort, filters) are kept.
    /// </summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>>? NextPage(IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? answer);

    /// <summary>
    /// The query of the next link answered after a page: the request's own parameters without its paging ones,
    /// then the limit and the marker (the last item's id). Null for styles without next links.
    /// </summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>>? NextLinkQuery(IEnumerable<KeyValuePair<string, string>> query, long limit, string marker) => null;

    /// <summary>Calls the function for this style: for code that restates each style's rules on its own.</summary>
    public abstract T Match<T>(Func<OffsetLimitPaging, T> offsetLimit, Func<PageNumberPaging, T> pageNumber, Func<MarkerPaging, T> marker);

    /// <summary>The item array of a success body, or null when it has none.</summary>
    public JsonArray? ItemsIn(JsonNode? body) => body?[Items.TrimStart('/')] as JsonArray;

    /// <summary>The total of a success body, or null when it has none or it is not an integer.</summary>
    public long? TotalIn(JsonNode? body) =>
        body?[Total.TrimStart('/')] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    /// <summary>The href of a success body's next link (rel as the link rule says), or null.</summary>
    public string? NextHref(JsonNode? body)
    {
        if (Links is null || body?[Links.Field] is not JsonArray links) return null;
        return links.OfType<JsonObject>()
            .FirstOrDefault(l => l["rel"] is JsonValue rel && rel.TryGetValue<string>(out var r) && r == Links.Rel)?["href"] is JsonValue href
            && href.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>Whether <paramref name="query"/> (typed) lists the newest item first: see <see cref="SortRule.NewestFirst"/>.</summary>
    public bool NewestFirst(JsonObject query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Sort is null || Sort.NewestFirst(Sort.DirectionParameter is { } p ? (string?)query[p] : null);
    }

    /// <summary>The typed integer <paramref name="name"/> of a validated query, or null when absent.</summary>
    private protected static long? Long(JsonObject query, string? name) =>
        name is not null && query[name] is JsonValue v ? v.GetValue<long>() : null;

    /// <summary>The raw integer <paramref name="name"/> of a query as sent, or null when absent or not an integer.</summary>
    private protected static long? Long(IReadOnlyList<KeyValuePair<string, string>> query, string name) =>
        query.Where(kv => kv.Key == name).Select(kv => long.TryParse(kv.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).FirstOrDefault();

    /// <summary><paramref name="query"/> with <paramref name="name"/> set to <paramref name="value"/>: in place when present, else at the end.</summary>
    private protected static IReadOnlyList<KeyValuePair<string, string>> With(IReadOnlyList<KeyValuePair<string, string>> query, string name, long value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var result = new List<KeyValuePair<string, string>>();
        var set = false;
        foreach (var kv in query)
        {
            if (kv.Key != name) result.Add(kv);
            else if (!set) result.Add(new(name, text));
            set |= kv.Key == name;
        }

        if (!set) result.Add(new(name, text));
        return result;
    }

    /// <summary>A query parameter as text.</summary>
    private protected static KeyValuePair<string, string> Pair(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The window of <paramref name="limit"/> items from <paramref name="offset"/> in a list of <paramref name="total"/>.</summary>
    private protected static PageSelection Slice(long total, long offset, long limit, bool newestFirst)
    {
        var start = Math.Min(Math.Max(offset, 0), total);
        return new PageSelection(total, start, Math.Max(0, Math.Min(limit, total - start)), newestFirst, null, null);
    }
}

/// <summary>The window a request selects: which positions of the list, in which direction, and whether a next link is due.</summary>
/// <param name="Total">The total the API reports (after filters, before paging).</param>
/// <param name="Start">The first selected position, counted in the requested direction.</param>
/// <param name="Count">How many items are selected.</param>
/// <param name="NewestFirst">Whether the page lists the newest item first (the list's own order).</param>
/// <param name="NextLimit">For styles with next links: the limit of the next link, when one is due.</param>
/// <param name="UnknownMarker">The marker parameter and the value the request gave it, when that names no item; nothing is selected then.</param>
public sealed record PageSelection(long Total, long Start, long Count, bool NewestFirst, long? NextLimit, KeyValuePair<string, string>? UnknownMarker)
{
    /// <summary>The list position (newest first) of the <paramref name="i"/>-th item on the page.</summary>
    public long Position(long i) => NewestFirst ? Start + i : Total - 1 - (Start + i);
}
