using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Definitions;

/// <summary>Offset and limit: skip <c>offset</c> items, return up to <c>limit</c> (ServiceStage).</summary>
public sealed record OffsetLimitPaging : Paging
{
    /// <summary>Creates the model; see <see cref="Paging"/> for the shared parts.</summary>
    public OffsetLimitPaging(string items, string? key, string total, LinkRule? links, SortRule? sort, IReadOnlyList<FilterRule> filters, LimitRule limit, PagingParameter offset)
        : base(items, key, total, links, sort, filters)
    {
        Limit = limit ?? throw new ArgumentNullException(nameof(limit));
        Offset = offset ?? throw new ArgumentNullException(nameof(offset));
    }

    /// <inheritdoc />
    public override string Style => "offset-limit";

    /// <summary>The page-size rule: clamping or rejecting.</summary>
    public override LimitRule Limit { get; }

    /// <summary>The offset parameter.</summary>
    public PagingParameter Offset { get; }

    /// <inheritdoc />
    public override IReadOnlyList<(string Role, PagingParameter Parameter)> Parameters => [("offset", Offset)];

    /// <summary>The limit's default; without one a request without limit gets every item.</summary>
    public override long DefaultPageSize => Limit.Default ?? long.MaxValue;

    /// <inheritdoc />
    public override long? LargestPage => Limit.Largest;

    /// <summary>A clamping limit rejects only what is not an integer; a rejecting one a value above its maximum (or below its minimum).</summary>
    public override (string Parameter, string Value) RejectedExample =>
        Limit.Clamps ? (Limit.Parameter, "abc")
        : Limit.Maximum is { } max ? (Limit.Parameter, (max + 1).ToString(CultureInfo.InvariantCulture))
        : Limit.Minimum is { } min ? (Limit.Parameter, (min - 1).ToString(CultureInfo.InvariantCulture))
        : (Limit.Parameter, "abc");

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> PageAt(long start, long size, Func<long, string>? markerAt) =>
        [Pair(Limit.Parameter, size), Pair(Offset.Parameter, start)];

    /// <inheritdoc />
    public override PageSelection Select(JsonObject query, long total, Func<string, long?> startAfterMarker)
    {
        var requested = Long(query, Limit.Parameter);
        var limit = requested is { } r ? Limit.Effective(r) : DefaultPageSize;
        var offset = Long(query, Offset.Parameter) ?? Offset.Default ?? 0;
        return Slice(total, offset, limit, NewestFirst(query));
    }

    /// <summary>The offset moved past the items answered; the end when a page is empty or reaches the total.</summary>
    public override IReadOnlyList<KeyValuePair<string, string>>? NextPage(IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? answer)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = ItemsIn(answer)?.Count ?? 0;
        var next = (Long(query, Offset.Parameter) ?? Offset.Default ?? 0) + items;
        return items == 0 || next >= (TotalIn(answer) ?? 0) ? null : With(query, Offset.Parameter, next);
    }

    /// <inheritdoc />
    public override T Match<T>(Func<OffsetLimitPaging, T> offsetLimit, Func<PageNumberPaging, T> pageNumber, Func<MarkerPaging, T> marker)
    {
        ArgumentNullException.ThrowIfNull(offsetLimit);
        return offsetLimit(this);
    }
}

/// <summary>Page number and page size, pages counted from 1 (PAI-DSW).</summary>
public sealed record PageNumberPaging : Paging
{
    /// <summary>Creates the model; see <see cref="Paging"/> for the shared parts.</summary>
    public PageNumberPaging(string items, string? key, string total, LinkRule? links, SortRule? sort, IReadOnlyList<FilterRule> filters, PagingParameter page, PagingParameter size)
        : base(items, key, total, links, sort, filters)
    {
        Page = page ?? throw new ArgumentNullException(nameof(page));
        Size = size ?? throw new ArgumentNullException(nameof(size));
    }

    /// <inheritdoc />
    public override string Style => "page-number";

    /// <summary>The page-number parameter.</summary>
    public PagingParameter Page { get; }

    /// <summary>The page-size parameter.</summary>
    public PagingParameter Size { get; }

    /// <inheritdoc />
    public override IReadOnlyList<(string Role, PagingParameter Parameter)> Parameters => [("page", Page), ("size", Size)];

    /// <summary>The page size's default (10 when the definition gives none).</summary>
    public override long DefaultPageSize => Size.Default ?? 10;

    /// <inheritdoc />
    public override long? LargestPage => Size.Maximum;

    /// <summary>The page number below the first (0 when pages count from 1).</summary>
    public override (string Parameter, string Value) RejectedExample =>
        (Page.Parameter, ((Page.Minimum ?? 1) - 1).ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> PageAt(long start, long size, Func<long, string>? markerAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return [Pair(Page.Parameter, (start / size) + FirstPage), Pair(Size.Parameter, size)];
    }

    /// <inheritdoc />
    public override PageSelection Select(JsonObject query, long total, Func<string, long?> startAfterMarker)
    {
        var page = Long(query, Page.Parameter) ?? Page.Default ?? FirstPage;
        var size = Long(query, Size.Parameter) ?? DefaultPageSize;
        return Slice(total, SafeMultiply(page - FirstPage, size), size, NewestFirst(query));
    }

    /// <summary>The following page number; the end when a page is empty or the pages so far reach the total.</summary>
    public override IReadOnlyList<KeyValuePair<string, string>>? NextPage(IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? answer)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = ItemsIn(answer)?.Count ?? 0;
        var page = Long(query, Page.Parameter) ?? Page.Default ?? FirstPage;
        var size = Long(query, Size.Parameter) ?? DefaultPageSize;
        return items == 0 || SafeMultiply(page - FirstPage + 1, size) >= (TotalIn(answer) ?? 0) ? null : With(query, Page.Parameter, page + 1);
    }

    /// <inheritdoc />
    public override T Match<T>(Func<OffsetLimitPaging, T> offsetLimit, Func<PageNumberPaging, T> pageNumber, Func<MarkerPaging, T> marker)
    {
        ArgumentNullException.ThrowIfNull(pageNumber);
        return pageNumber(this);
    }

    // Pages count from the page parameter's minimum (1 as documented).
    private long FirstPage => Page.Minimum ?? 1;

    private static long SafeMultiply(long a, long b) => a > 0 && b > 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}

/// <summary>
/// Limit and marker: a page starts after the item the marker names (the last item of the previous page), and
/// a next link carries the marker (EVS). An offset, when the definition has one, counts from there.
/// </summary>
public sealed record MarkerPaging : Paging
{
    /// <summary>Creates the model; see <see cref="Paging"/> for the shared parts.</summary>
    public MarkerPaging(string items, string? key, string total, LinkRule? links, SortRule? sort, IReadOnlyList<FilterRule> filters, LimitRule limit, PagingParameter marker, PagingParameter? offset)
        : base(items, key, total, links, sort, filters)
    {
        Limit = limit ?? throw new ArgumentNullException(nameof(limit));
        Marker = marker ?? throw new ArgumentNullException(nameof(marker));
        Offset = offset;
    }

    /// <inheritdoc />
    public override string Style => "marker";

    /// <summary>The page-size rule.</summary>
    public override LimitRule Limit { get; }

    /// <summary>The marker parameter.</summary>
    public PagingParameter Marker { get; }

    /// <summary>The offset parameter, when the API takes one.</summary>
    public PagingParameter? Offset { get; }

    /// <inheritdoc />
    public override IReadOnlyList<(string Role, PagingParameter Parameter)> Parameters =>
        Offset is null ? [("marker", Marker)] : [("offset", Offset), ("marker", Marker)];

    /// <summary>The limit's default or, without one, the largest page (EVS caps a listing without limit at it).</summary>
    public override long DefaultPageSize => Limit.Default ?? Limit.Largest ?? 1000;

    /// <inheritdoc />
    public override long? LargestPage => Limit.Largest;

    /// <summary>A limit below the smallest accepted one.</summary>
    public override (string Parameter, string Value) RejectedExample =>
        (Limit.Parameter, ((Limit.Minimum ?? 1) - 1).ToString(CultureInfo.InvariantCulture));

    /// <summary>The first page is asked for with the limit alone: a later one needs a marker naming a record.</summary>
    public override (IReadOnlyList<KeyValuePair<string, string>> Query, long Start, long Count) ExplicitExample => (PageAt(0, 5, null), 0, 5);

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>> PageAt(long start, long size, Func<long, string>? markerAt)
    {
        if (start == 0) return [Pair(Limit.Parameter, size)];
        if (markerAt is not null) return [Pair(Limit.Parameter, size), new(Marker.Parameter, markerAt(start - 1))];
        if (Offset is not null) return [Pair(Limit.Parameter, size), Pair(Offset.Parameter, start)];
        throw new ArgumentException($"a page from position {start} needs a marker naming the item before it", nameof(markerAt));
    }

    /// <inheritdoc />
    public override PageSelection Select(JsonObject query, long total, Func<string, long?> startAfterMarker)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(startAfterMarker);
        long start = 0;
        if ((string?)query[Marker.Parameter] is { } marker)
        {
            if (startAfterMarker(marker) is not { } after) return new PageSelection(total, 0, 0, true, null, new(Marker.Parameter, marker));
            start = after;
        }

        var skip = Long(query, Offset?.Parameter) ?? Offset?.Default ?? 0;
        start = skip >= total - start ? total : start + skip; // saturating: offset may be long.MaxValue
        var given = Long(query, Limit.Parameter);
        var count = Math.Max(0, Math.Min(given ?? DefaultPageSize, total - start));
        // Next links only when a limit was given and more items follow (the document's rule).
        long? next = Links is not null && given is { } l && start + count < total && count > 0 ? l : null;
        return new PageSelection(total, start, count, true, next, null);
    }

    /// <summary>The next link's query; the end when the page has no next link.</summary>
    public override IReadOnlyList<KeyValuePair<string, string>>? NextPage(IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? answer)
    {
        if (NextHref(answer) is not { } href) return null;
        var q = href.IndexOf('?', StringComparison.Ordinal);
        var end = href.IndexOf('#', StringComparison.Ordinal);
        return q < 0 ? [] : Routing.QueryString.Parse(end > q ? href[(q + 1)..end] : href[(q + 1)..]);
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, string>>? NextLinkQuery(IEnumerable<KeyValuePair<string, string>> query, long limit, string marker)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Links is null) return null;
        string[] paged = [Limit.Parameter, Marker.Parameter, Offset?.Parameter ?? string.Empty];
        return [.. query.Where(kv => !paged.Contains(kv.Key, StringComparer.Ordinal)), Pair(Limit.Parameter, limit), new(Marker.Parameter, marker)];
    }

    /// <inheritdoc />
    public override T Match<T>(Func<OffsetLimitPaging, T> offsetLimit, Func<PageNumberPaging, T> pageNumber, Func<MarkerPaging, T> marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return marker(this);
    }
}
