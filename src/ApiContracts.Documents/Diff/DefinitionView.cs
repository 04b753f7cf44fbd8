using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Diff;

/// <summary>A loaded definition as a <see cref="ContractView"/>: every fact it states, and where each constraint comes from.</summary>
public static class DefinitionView
{
    /// <summary>The source of a fact, kept beside it under <c>source:&lt;fact&gt;</c> (<c>page</c> or an assumption id) for drift.</summary>
    public const string SourcePrefix = "source:";

    /// <summary>Builds the view of <paramref name="api"/>.</summary>
    public static ContractView Of(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var b = new ViewBuilder(api.Operation.SuccessStatus);
        b.Add("/", Area.Info, new()
        {
            ["title"] = api.Title, ["summary"] = api.Summary, ["provider"] = api.Provider,
            ["source/document"] = api.Source.Document, ["source/page"] = api.Source.Page, ["source/updated_on"] = api.Source.UpdatedOn, ["source/language"] = api.Source.Language,
        });
        b.Add("/operation", Area.Operation, new()
        {
            ["method"] = api.Operation.Method, ["path"] = api.Operation.Path, ["host"] = api.Operation.Host,
            ["success_status"] = api.Operation.SuccessStatus.ToString(CultureInfo.InvariantCulture),
            ["documented_statuses"] = string.Join(", ", api.Operation.DocumentedStatuses),
        });
        b.Add("/auth", Area.Auth, new() { ["header"] = api.Auth.Header, ["scheme"] = api.Auth.Scheme, ["note"] = api.Auth.Note });

        foreach (var (part, table) in api.Request.Parts())
        {
            var pointer = "/request/" + part.ToString().ToLowerInvariant();
            var area = part == RequestPart.Body ? Area.RequestBody : Area.RequestParameter;
            b.Add(pointer, Area.Table, new() { ["table"] = Caption(table.Caption) });
            Rows(b, table, pointer, area, table.Sources);
            foreach (var example in table.Examples) Example(b, pointer, example);
        }

        foreach (var response in api.Responses)
        {
            if (response.Body is { } body)
            {
                b.Add("/responses/*", Area.Table, new() { ["table"] = Caption(body.Caption) });
                Rows(b, body, "/responses/*", Area.Response, body.Sources);
                foreach (var example in response.Examples) Example(b, "/responses/*", example);
            }
            else
            {
                var status = response.Status.ToString(CultureInfo.InvariantCulture);
                b.Add("/responses/" + status, Area.Status, new() { ["code"] = response.Error?.Code, ["envelope"] = response.Error?.Envelope, ["description"] = response.Description }, isRow: true);
            }
        }

        var errors = api.Errors;
        b.Add("/errors", Area.Error, new()
        {
            ["style"] = errors.Style, ["table"] = Caption(errors.Fields.Caption), ["code_pattern"] = errors.CodePattern,
            [SourcePrefix + "code_pattern"] = ConstraintSources.SourceOf(PatternCarrier(errors), "pattern", errors.Fields.Sources),
            ["envelopes"] = errors.Envelopes.Count == 0 ? null : string.Join(", ", errors.Envelopes), ["description"] = errors.Description,
        });
        Rows(b, errors.Fields, "/errors", Area.Error, errors.Fields.Sources);
        foreach (var example in errors.Examples) Example(b, "/errors", example);

        var paging = new Dictionary<string, string?>();
        foreach (var fact in PagingFacts.Of(api.Pagination)) paging[fact.Key] = fact.Value;
        if (paging.Count > 0) b.Add("/pagination", Area.Paging, paging);

        b.Add("/dataset", Area.Info, new()
        {
            ["description"] = api.Dataset.Description, ["parent"] = api.Dataset.Parent, ["source"] = api.Dataset.Source,
            ["parents"] = string.Join("; ", api.Dataset.Parents.Select(p => string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value}")))),
            ["envelope"] = api.Dataset.Envelope.ToJsonString(),
        });
        foreach (var a in api.Assumptions) b.Add("/assumptions/" + a.Id, Area.Info, new() { ["about"] = a.About, ["text"] = a.Text }, isRow: true);
        return new ContractView(api.Id, b.Nodes);
    }

    // The error body's code_pattern is stated on the error_code row (ServiceStage) or nowhere.
    private static FieldDef PatternCarrier(ErrorModel errors) =>
        errors.Fields.Fields.FirstOrDefault(f => f.Constraints.Pattern is not null) ?? errors.Fields.Fields.FirstOrDefault() ?? new FieldDef(string.Empty, false, FieldType.String, string.Empty, new FieldConstraints(), null, null, default);

    private static string? Caption(string caption) => caption.Length == 0 ? null : caption;

    private static void Example(ViewBuilder b, string pointer, ExamplePayload example) =>
        b.Add($"{pointer}/examples/{ViewBuilder.Segment(example.Name)}", Area.Example, new() { ["json"] = example.Json }, isRow: true);

    private static void Rows(ViewBuilder b, FieldTable table, string pointer, Area area, IReadOnlyDictionary<string, string> inherited)
    {
        foreach (var field in table.Fields)
        {
            var here = pointer + "/" + ViewBuilder.Segment(field.Name);
            var facts = Facts(field, inherited);
            if (field.Items is { } items)
            {
                foreach (var (k, v) in Facts(items, inherited))
                {
                    if (k is "mandatory" or "origin" || k == SourcePrefix + "mandatory") continue;
                    if (k.StartsWith(SourcePrefix, StringComparison.Ordinal)) facts[SourcePrefix + "items." + k[SourcePrefix.Length..]] = v;
                    else facts["items." + k] = v;
                }
            }

            b.Add(here, area, facts, isRow: true);
            if (field.Fields is { } nested) Rows(b, nested, here, area, inherited);
            if (field.Items?.Fields is { } itemTable) Rows(b, itemTable, here, area, inherited);
        }
    }

    private static Dictionary<string, string?> Facts(FieldDef field, IReadOnlyDictionary<string, string> inherited)
    {
        var c = field.Constraints;
        var facts = new Dictionary<string, string?>
        {
            ["mandatory"] = field.Mandatory ? "true" : "false",
            ["type"] = field.Type.ToString().ToLowerInvariant(),
            ["doc_type"] = c.DocType,
            ["nullable"] = c.Nullable ? "true" : "false",
            ["enum"] = c.Enum is null ? null : new JsonArray(c.Enum.Select(v => v.DeepClone()).ToArray()).ToJsonString(),
            ["default"] = c.Default?.ToJsonString(),
            ["minimum"] = Text(c.Minimum), ["maximum"] = Text(c.Maximum),
            ["min_length"] = Text(c.MinLength), ["max_length"] = Text(c.MaxLength),
            ["min_items"] = Text(c.MinItems), ["max_items"] = Text(c.MaxItems),
            ["pattern"] = c.Pattern, ["format"] = c.Format,
            ["required_when"] = c.RequiredWhen is { } r ? $"{r.Field} in [{string.Join(", ", r.In)}]" : null,
            ["additional_properties"] = c.AdditionalProperties ? "true" : "false",
            ["table"] = field.Fields is { } t ? Caption(t.Caption) : field.Items?.Fields is { } it ? Caption(it.Caption) : null,
            ["doc_example"] = c.DocExample,
            ["origin"] = c.Origin,
            ["description"] = field.Description,
            ["hint"] = c.Hint,
            ["assumptions"] = c.Assumptions.Count == 0 ? null : string.Join(", ", c.Assumptions),
        };
        if (c.DocText is { } docText) facts["doc_text"] = docText;
        foreach (var kind in ConstraintSources.KindsOf(field))
        {
            facts[SourcePrefix + kind] = ConstraintSources.SourceOf(field, kind, inherited);
        }

        return facts;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
