namespace ApiContracts.Core.Definitions;

/// <summary>One constraint a definition puts into its schemas, and where it comes from.</summary>
/// <param name="Pointer">Where it applies, in the style of an assumption's <c>about</c> (<c>/responses/200/count</c>).</param>
/// <param name="Kind">One of <see cref="ConstraintSources.Kinds"/>.</param>
/// <param name="Source"><c>page</c> (the source page states it), an assumption id, or null when nothing says.</param>
/// <param name="At">The row or table in the definition file.</param>
public sealed record SourcedConstraint(string Pointer, string Kind, string? Source, SourceLocation At)
{
    /// <inheritdoc />
    public override string ToString() => $"{At}: {Pointer} {Kind} from {Source ?? "nowhere"}";
}

/// <summary>
/// Every constraint of a definition with its source. A constraint is something the schema rejects beyond the
/// row's type: a required field, a conditional requirement, an enum, a bound, a length, a pattern, a format, an
/// object closed to undocumented members, the closed set of error wrappers. Each must come from the page
/// (<c>page</c>) or from an assumption that decides it; definitions say which with <c>sources</c> on a row, or
/// on a table, response or error model for all its rows.
/// </summary>
public static class ConstraintSources
{
    /// <summary>No sources.</summary>
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The kinds of constraint, named as the definition keys that make them (plus <c>closed</c> and <c>envelopes</c>).</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["mandatory", "required_when", "enum", "minimum", "maximum", "min_length", "max_length", "min_items", "max_items", "pattern", "format", "closed", "envelopes"];

    /// <summary>The source that says "the page states it".</summary>
    public const string Page = "page";

    /// <summary>Every constraint of <paramref name="api"/>, in definition order.</summary>
    public static IEnumerable<SourcedConstraint> Of(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var (part, table) in api.Request.Parts())
        {
            var pointer = "/request/" + part.ToString().ToLowerInvariant();
            // Bodies are closed objects; query parameters and headers the table does not list are let through.
            if (part == RequestPart.Body) yield return Constraint(pointer, "closed", table.Sources, ConstraintSources.None, Location(table));
            foreach (var c in Rows(table, pointer, table.Sources)) yield return c;
        }

        foreach (var response in api.Responses.Where(r => r.Body is not null))
        {
            var pointer = $"/responses/{response.Status}";
            yield return Constraint(pointer, "closed", response.Body!.Sources, ConstraintSources.None, Location(response.Body));
            foreach (var c in Rows(response.Body, pointer, response.Body.Sources)) yield return c;
        }

        var errors = api.Errors.Fields;
        yield return Constraint("/errors", "closed", errors.Sources, ConstraintSources.None, Location(errors));
        if (api.Errors.Style == "openstack") yield return Constraint("/errors", "envelopes", errors.Sources, ConstraintSources.None, Location(errors));
        foreach (var c in Rows(errors, "/errors", errors.Sources)) yield return c;
    }

    /// <summary>The kinds of constraint <paramref name="field"/> carries itself (not those of its nested rows).</summary>
    public static IEnumerable<string> KindsOf(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var c = field.Constraints;
        if (field.Mandatory) yield return "mandatory";
        if (c.RequiredWhen is not null) yield return "required_when";
        if (c.Enum is not null) yield return "enum";
        if (c.Minimum is not null) yield return "minimum";
        if (c.Maximum is not null) yield return "maximum";
        if (c.MinLength is not null) yield return "min_length";
        if (c.MaxLength is not null) yield return "max_length";
        if (c.MinItems is not null) yield return "min_items";
        if (c.MaxItems is not null) yield return "max_items";
        if (c.Pattern is not null) yield return "pattern";
        if (c.Format is not null) yield return "format";
        if (field.Type == FieldType.Object && field.Fields is not null && !c.AdditionalProperties) yield return "closed";
    }

    /// <summary>The source of <paramref name="kind"/> on <paramref name="field"/>: its own, else the enclosing tables'.</summary>
    public static string? SourceOf(FieldDef field, string kind, IReadOnlyDictionary<string, string> inherited)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(inherited);
        return field.Constraints.Sources.GetValueOrDefault(kind) ?? inherited.GetValueOrDefault(kind);
    }

    private static IEnumerable<SourcedConstraint> Rows(FieldTable table, string prefix, IReadOnlyDictionary<string, string> inherited)
    {
        foreach (var field in table.Fields)
        {
            foreach (var c in Row(field, $"{prefix}/{field.Name}", inherited)) yield return c;
        }
    }

    // A row, its array items (same pointer) and its nested rows.
    private static IEnumerable<SourcedConstraint> Row(FieldDef field, string pointer, IReadOnlyDictionary<string, string> inherited)
    {
        foreach (var kind in KindsOf(field)) yield return Constraint(pointer, kind, field.Constraints.Sources, inherited, field.Location);
        if (field.Items is { } items)
        {
            foreach (var c in Row(items, pointer, inherited)) yield return c;
        }

        if (field.Fields is { } nested)
        {
            foreach (var c in Rows(nested, pointer, inherited)) yield return c;
        }
    }

    private static SourcedConstraint Constraint(string pointer, string kind, IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> inherited, SourceLocation at) =>
        new(pointer, kind, own.GetValueOrDefault(kind) ?? inherited.GetValueOrDefault(kind), at);

    private static SourceLocation Location(FieldTable table) => table.Fields.Count > 0 ? table.Fields[0].Location : default;
}
