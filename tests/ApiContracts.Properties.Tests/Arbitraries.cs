using FsCheck;
using FsCheck.Fluent;

namespace ApiContracts.Properties.Tests;

/// <summary>A listing request against a dataset of <paramref name="Size"/> records.</summary>
/// <param name="Size">Records under the parent.</param>
/// <param name="A">The first paging parameter (limit, or PageNumber).</param>
/// <param name="B">The second (offset, or PageSize).</param>
/// <param name="Order">The sort direction sent, or null.</param>
/// <param name="Extra">EVS: a status filter; others: unused.</param>
/// <param name="Marker">EVS: the position (in the filtered list) whose id is sent as marker; -1 none, -2 an id of no record.</param>
public sealed record PageCase(long Size, QueryValue A, QueryValue B, string? Order, string? Extra, int Marker)
{
    public override string ToString() => $"size={Size} a={A} b={B} order={Order ?? "(absent)"} extra={Extra ?? "(absent)"} marker={Marker}";
}

/// <summary>A walk over every page: dataset size and requested page size.</summary>
public sealed record WalkCase(long Size, long PageSize);

/// <summary>
/// Generators that over-weight the edges where paging breaks: 0, 1, the page size and its neighbours,
/// 99/100/101, 999/1000/1001, negatives, int.MaxValue, numbers beyond 64 bits, non-numeric and empty
/// text, repeated parameters; dataset sizes 0, 1, multiples of 10 and one more. Shrinking goes toward
/// absent parameters, smaller numbers and smaller datasets.
/// </summary>
public static class Arbitraries
{
    private static readonly long[] EdgeNumbers = [0, 1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, -1, -10, int.MaxValue, long.MaxValue, long.MinValue];
    private static readonly string[] EdgeTexts = ["99999999999999999999", "-99999999999999999999", "abc", "", "1e3", "0x10", " 5", "5 ", "1.5", "NaN", "١٢"];
    private static readonly long[] EdgeSizes = [0, 1, 2, 9, 10, 11, 20, 21, 99, 100, 101, 999, 1000, 1001];

    public static Gen<QueryValue> Value { get; } = Gen.Frequency(
        (3, Gen.Constant(QueryValue.Absent)),
        (6, Gen.Elements(EdgeNumbers).Select(QueryValue.Of)),
        (5, Gen.Choose(-3, 1100).Select(n => QueryValue.Of(n))),
        (2, Gen.Elements(EdgeTexts).Select(QueryValue.OfText)),
        (1, Gen.Elements(EdgeNumbers).Two().Select(t => QueryValue.Twice(QueryValue.Of(t.Item1), QueryValue.Of(t.Item2)))));

    public static Gen<long> Size { get; } = Gen.Frequency(
        (5, Gen.Elements(EdgeSizes)),
        (4, Gen.Choose(0, 250).Select(n => (long)n)),
        (1, Gen.Choose(250, 1100).Select(n => (long)n)));

    private static readonly string?[] Directions = [null, "desc", "asc", "DESC", "ASC", "sideways"];
    private static readonly string?[] Statuses = [null, null, "available", "creating", "error", "deleting", "no-such-status"];

    public static Arbitrary<PageCase> Pages() => Arb.From(
        from size in Size
        from a in Value
        from b in Value
        from order in Gen.Elements(Directions)
        from extra in Gen.Elements(Statuses)
        from marker in Gen.Frequency((5, Gen.Constant(-1)), (1, Gen.Constant(-2)), (3, Gen.Choose(0, 60)))
        select new PageCase(size, a, b, order, extra, marker),
        Shrink);

    public static Arbitrary<WalkCase> Walks() => Arb.From(
        from size in Gen.Frequency((4, Gen.Elements<long>(0, 1, 9, 10, 11, 20, 21, 99, 100, 101)), (3, Gen.Choose(0, 120).Select(n => (long)n)))
        from page in Gen.Frequency((4, Gen.Elements<long>(1, 2, 9, 10, 11, 99, 100)), (3, Gen.Choose(1, 40).Select(n => (long)n)))
        select new WalkCase(size, page),
        w => new[] { w with { Size = w.Size / 2 }, w with { PageSize = Math.Max(1, w.PageSize / 2) } }.Where(x => x != w).Distinct());

    public static Arbitrary<ulong> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue).Select(n => (ulong)n * 2654435761UL), s => s == 0 ? [] : [0UL, s / 2]);

    private static IEnumerable<PageCase> Shrink(PageCase c)
    {
        if (c.Size > 0) yield return c with { Size = 0 };
        if (c.Size > 1) yield return c with { Size = c.Size / 2 };
        foreach (var a in c.A.Shrink()) yield return c with { A = a };
        foreach (var b in c.B.Shrink()) yield return c with { B = b };
        if (c.Order is not null) yield return c with { Order = null };
        if (c.Extra is not null) yield return c with { Extra = null };
        if (c.Marker != -1) yield return c with { Marker = -1 };
    }
}
