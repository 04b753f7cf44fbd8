using System.Globalization;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Diff;

/// <summary>
/// The paging rules of a definition as named facts, read through the paging model in this one place: when
/// the model's shape changes, only these accessors change, not the diff.
/// </summary>
public static class PagingFacts
{
    /// <summary>A paging fact: its key under <c>/pagination</c>, its value as text (null: not set) and the rule it belongs to, in words.</summary>
    /// <param name="Key">The key, such as <c>limit/maximum</c>.</param>
    /// <param name="Value">The value, or null when the model does not set it.</param>
    /// <param name="Rule">The rule in words (<c>page size bounds</c>, <c>clamp rule</c>...).</param>
    public sealed record Fact(string Key, string? Value, string Rule);

    /// <summary>Every paging fact of <paramref name="paging"/>, in a fixed order; empty when the API does not page.</summary>
    public static IReadOnlyList<Fact> Of(Paging? paging)
    {
        if (paging is null) return [];
        var facts = new List<Fact>
        {
            new("style", Style(paging), "paging style"),
            new("items", Items(paging), "where the page's items are"),
            new("total", Total(paging), "where the total is"),
        };
        facts.AddRange(PageSize(paging));
        facts.AddRange(Parameter("offset", Offset(paging), "offset"));
        facts.AddRange(Parameter("page", PageNumber(paging), "page number"));
        facts.AddRange(Parameter("marker", Marker(paging), "marker"));
        facts.Add(new("links", Links(paging), "link rule"));
        facts.AddRange(Sort(paging));
        facts.Add(new("filters", Filters(paging), "filters"));
        return facts;
    }

    // The accessors: each reads one part of the model.
    private static string Style(Paging p) => p.Style;

    private static string Items(Paging p) => p.Items;

    private static string Total(Paging p) => p.Total;

    private static PagingParameter? Offset(Paging p) => Role(p, "offset");

    private static PagingParameter? PageNumber(Paging p) => Role(p, "page");

    private static PagingParameter? Marker(Paging p) => Role(p, "marker");

    private static PagingParameter? Role(Paging p, string role) => p.Parameters.FirstOrDefault(r => r.Role == role).Parameter;

    // The page-size parameter: Limit for offset-limit and marker paging, Size for page-number paging.
    private static IEnumerable<Fact> PageSize(Paging p)
    {
        if (p.Limit is { } limit)
        {
            yield return new("size/parameter", limit.Parameter, "page size parameter");
            yield return new("size/default", Text(limit.Default), "default page size");
            yield return new("size/minimum", Text(limit.Minimum), "page size bounds");
            yield return new("size/maximum", Text(limit.Maximum), "page size bounds");
            yield return new("size/clamp", limit.Clamps ? Clamp(limit) : null, "clamp rule");
        }
        else if (Role(p, "size") is { } size)
        {
            yield return new("size/parameter", size.Parameter, "page size parameter");
            yield return new("size/default", Text(size.Default), "default page size");
            yield return new("size/minimum", Text(size.Minimum), "page size bounds");
            yield return new("size/maximum", Text(size.Maximum), "page size bounds");
            yield return new("size/clamp", null, "clamp rule");
        }
    }

    private static string Clamp(LimitRule limit) =>
        string.Join(", ", limit.Honoured.Select(r => r.From == r.To ? Text(r.From) : $"{Text(r.From)}..{Text(r.To)}")) + $" used as given, otherwise {Text(limit.Otherwise)}";

    private static IEnumerable<Fact> Parameter(string name, PagingParameter? p, string what)
    {
        yield return new($"{name}/parameter", p?.Parameter, $"{what} parameter");
        if (p is null) yield break;
        yield return new($"{name}/default", Text(p.Default), $"default {what}");
        yield return new($"{name}/minimum", Text(p.Minimum), $"{what} bounds");
        yield return new($"{name}/maximum", Text(p.Maximum), $"{what} bounds");
    }

    private static string? Links(Paging p) => p.Links is { } l ? $"{l.Field} rel={l.Rel} when {l.When}" : null;

    private static IEnumerable<Fact> Sort(Paging p)
    {
        yield return new("sort/parameter", p.Sort?.Parameter, "sort parameter");
        yield return new("sort/default", p.Sort?.Default, "default sort field");
        yield return new("sort/fields", p.Sort is null ? null : string.Join(", ", p.Sort.Fields), "sort fields");
        yield return new("sort/direction_parameter", p.Sort?.DirectionParameter, "sort direction parameter");
        yield return new("sort/default_direction", p.Sort?.DefaultDirection, "default sort direction");
    }

    private static string? Filters(Paging p) =>
        p.Filters.Count == 0 ? null : string.Join(", ", p.Filters.Select(f => $"{f.Parameter}->{f.Field}"));

    /// <summary>The rule a paging fact belongs to, in words, by its key.</summary>
    public static string Rule(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key switch
        {
            "style" => "paging style",
            "items" => "where the page's items are",
            "total" => "where the total is",
            "size/parameter" => "page size parameter",
            "size/default" => "default page size",
            "size/minimum" or "size/maximum" => "page size bounds",
            "size/clamp" => "clamp rule",
            "links" => "link rule",
            "filters" => "filters",
            _ when key.StartsWith("sort/", StringComparison.Ordinal) => "sort rule (" + key[5..].Replace('_', ' ') + ")",
            _ => key.Replace('/', ' ').Replace('_', ' '),
        };
    }

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
