using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Documents.Import;

namespace ApiContracts.Documents.Diff;

/// <summary>
/// An imported page as a <see cref="ContractView"/>. It states only what the page states: a Mandatory cell the
/// page lost, a caption it does not print, a success status it leaves open are unknown (missing facts), not
/// guesses. Constraints the importer could not read are absent (null), since the page states none.
/// </summary>
public static class ImportView
{
    /// <summary>Builds the view of <paramref name="page"/>.</summary>
    public static ContractView Of(ImportedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var b = new ViewBuilder(page.SuccessStatus);
        var operation = new Dictionary<string, string?>
        {
            ["method"] = page.Operation.Method, ["path"] = page.Operation.Path, ["host"] = page.Operation.Host,
            ["documented_statuses"] = string.Join(", ", page.Statuses.Select(s => s.Status)),
        };
        if (page.SuccessStatus is { } success) operation["success_status"] = success.ToString(CultureInfo.InvariantCulture);
        b.Add("/operation", Area.Operation, operation);

        foreach (var (part, table) in page.Request.OrderBy(kv => kv.Key))
        {
            var pointer = "/request/" + part.ToString().ToLowerInvariant();
            b.Add(pointer, Area.Table, Caption(table.Caption));
            Rows(b, table, pointer, part == RequestPart.Body ? Area.RequestBody : Area.RequestParameter);
            if (part == RequestPart.Body) Examples(b, pointer, page.RequestExamples);
        }

        if (page.Response is { } response)
        {
            b.Add("/responses/*", Area.Table, Caption(response.Caption));
            Rows(b, response, "/responses/*", Area.Response);
        }

        Examples(b, "/responses/*", page.ResponseExamples);
        if (page.Errors is { } errors)
        {
            b.Add("/errors", Area.Error, Caption(errors.Caption));
            Rows(b, errors, "/errors", Area.Error);
        }

        Examples(b, "/errors", page.ErrorExamples);
        return new ContractView(page.Id, b.Nodes);
    }

    private static Dictionary<string, string?> Caption(string? caption) => caption is null ? [] : new() { ["table"] = caption };

    private static void Examples(ViewBuilder b, string pointer, IReadOnlyList<ExamplePayload> examples)
    {
        foreach (var example in examples) b.Add($"{pointer}/examples/{ViewBuilder.Segment(example.Name)}", Area.Example, new() { ["json"] = example.Json }, isRow: true);
    }

    private static void Rows(ViewBuilder b, ImportedTable table, string pointer, Area area)
    {
        foreach (var row in table.Rows)
        {
            var here = pointer + "/" + ViewBuilder.Segment(row.Name);
            var facts = Facts(row);
            if (row.Items is { } items)
            {
                foreach (var (k, v) in Facts(items).Where(kv => kv.Key is not ("mandatory" or "origin" or "doc_example" or "doc_text")))
                {
                    facts["items." + k] = v;
                }
            }

            b.Add(here, area, facts, isRow: true);
            if (row.Fields is { } nested) Rows(b, nested, here, area);
            if (row.Items?.Fields is { } itemTable) Rows(b, itemTable, here, area);
        }
    }

    private static Dictionary<string, string?> Facts(ImportedRow row)
    {
        var facts = new Dictionary<string, string?>
        {
            ["doc_type"] = row.DocType,
            ["enum"] = row.Constraint("enum")?.Value.ToJsonString(),
            ["default"] = row.Constraint("default")?.Value.ToJsonString(),
            ["minimum"] = Number(row.Constraint("minimum")), ["maximum"] = Number(row.Constraint("maximum")),
            ["required_when"] = row.Constraint("required_when") is { } r ? $"{r.Field} in [{string.Join(", ", r.Value.AsArray().Select(v => v!.GetValue<string>()))}]" : null,
            ["doc_example"] = row.DocExample,
            ["origin"] = row.Origin,
            ["doc_text"] = row.DocText,
        };
        if (row.Mandatory is { } mandatory) facts["mandatory"] = mandatory ? "true" : "false";
        if (row.Type is { } type) facts["type"] = type.ToString().ToLowerInvariant();
        if (row.Nullable == true) facts["nullable"] = "true";
        if (row.Fields is not null || row.Items?.Fields is not null)
        {
            var caption = row.Fields?.Caption ?? row.Items?.Fields?.Caption;
            if (caption is not null) facts["table"] = caption;
        }

        return facts;
    }

    private static string? Number(ReadConstraint? c) =>
        c?.Value is JsonValue v ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null;
}
