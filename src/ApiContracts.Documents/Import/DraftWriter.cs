using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

/// <summary>
/// Writes an imported page as a definition draft in the format of <c>contracts/apis</c>: the page's facts
/// filled in, our own words and every decision the page leaves open marked <c>TODO</c> or
/// <c>mandatory: unknown</c> (so the loader names each until it is decided), and the open questions as
/// assumptions whose text starts with <c>OPEN:</c>. Each constraint read from the page carries the sentence
/// it came from as a comment.
/// </summary>
public static class DraftWriter
{
    private const string Todo = "TODO";

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The draft's YAML text.</summary>
    public static string Write(ImportedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var w = new Writer(page);
        return w.Run();
    }

    private sealed class Writer(ImportedPage page)
    {
        private readonly StringBuilder _out = new();
        private readonly Dictionary<string, List<string>> _questionIds = [];

        public string Run()
        {
            for (var i = 0; i < page.Questions.Count; i++)
            {
                var about = page.Questions[i].About;
                if (!_questionIds.TryGetValue(about, out var ids)) _questionIds[about] = ids = [];
                ids.Add($"A{i + 1}");
            }

            Line(0, $"# Draft imported from {page.Page} by `apicontracts import`; not a definition yet.");
            Line(0, "# Our own words and every decision the page leaves open say TODO (or mandatory: unknown): the loader");
            Line(0, "# names each until it is decided. The open questions are the assumptions at the end (OPEN: ...).");
            Line(0, $"id: {page.Id}");
            Line(0, "title: TODO (our words)");
            Line(0, $"provider: {page.Provider ?? Todo}");
            Line(0, "summary: TODO (our words)");
            Line(0, "source:");
            Line(1, $"document: ../sources/{Path.GetFileName(page.Page)}");
            Line(1, $"page: {Quote(page.Breadcrumb ?? page.Title ?? Todo)}");
            Line(1, $"updated_on: {Quote(page.UpdatedOn ?? "not stated")}");
            Line(1, $"language: {page.Language}");
            Line(0, string.Empty);
            Line(0, "operation:");
            Line(1, $"method: {page.Operation.Method}");
            if (page.Operation.Host is { } host) Line(1, $"host: {Quote(host)}");
            Line(1, $"path: {Quote(page.Operation.Path)}");
            Line(1, $"success_status: {Success}{Refs("/operation/success_status")}");
            Line(1, $"documented_statuses: [{string.Join(", ", page.Statuses.Select(s => s.Status))}]");
            Line(0, string.Empty);
            Line(0, "auth:");
            Line(1, "header: TODO");
            Line(1, "scheme: TODO");
            Line(0, string.Empty);
            Line(0, page.Request.Count == 0 ? "request: {}  # TODO: the page has no request tables" : "request:");
            foreach (var (part, table) in page.Request.OrderBy(kv => kv.Key))
            {
                var key = part.ToString().ToLowerInvariant();
                Line(1, $"{key}:");
                Table(2, table, "/request/" + key, pathRows: part == RequestPart.Path);
                if (part == RequestPart.Body) Examples(2, page.RequestExamples);
            }

            Line(0, string.Empty);
            Line(0, "responses:");
            Line(1, $"- status: {Success}");
            Line(2, "description: TODO (our words)");
            if (page.Response is { } response) Table(2, response, $"/responses/{page.SuccessStatus ?? 200}");
            else Line(2, "fields: []  # TODO: the page has no response table");
            Examples(2, page.ResponseExamples);
            if (_questionIds.TryGetValue($"/responses/{page.SuccessStatus ?? 200}", out var responseIds)) Line(2, $"assumptions: [{string.Join(", ", responseIds)}]");
            foreach (var (status, text) in page.Statuses.Where(s => s.Status != page.SuccessStatus && s.Status >= 300))
            {
                Line(1, $"- status: {status}");
                Line(2, $"description: {Quote($"TODO (our words; the page: {text})")}");
                Line(2, "error: {code: TODO}");
            }

            Line(0, string.Empty);
            Line(0, "errors:");
            Line(1, "style: TODO");
            Line(1, "description: TODO (our words)");
            if (page.ErrorCode is { } code) Line(1, $"# the page's error code line (line {code.Line}): {Comment(code.Sentence)}");
            if (page.Errors is { } errors) Table(1, errors, "/errors");
            else Line(1, "fields: []");
            Examples(1, page.ErrorExamples);
            var errorRefs = Refs("/errors");
            if (errorRefs.Length > 0) Line(1, $"assumptions: [{string.Join(", ", _questionIds["/errors"])}]");
            Line(0, string.Empty);
            Line(0, "dataset:");
            Line(1, "description: TODO (our words)");
            Line(1, "parent: TODO");
            Line(1, "parents:");
            var names = page.Operation.PathNames;
            Line(2, names.Count == 0 ? "- {}" : "- {" + string.Join(", ", names.Select(n => $"{Quote(n)}: TODO")) + "}");
            Line(0, string.Empty);
            Line(0, "assumptions:");
            if (page.Questions.Count == 0) Line(1, "[]");
            for (var i = 0; i < page.Questions.Count; i++)
            {
                var q = page.Questions[i];
                Line(1, $"- id: A{i + 1}");
                Line(2, $"about: {Quote(q.About)}");
                Line(2, $"text: {Quote($"OPEN: {q.Text}{(q.Line > 0 ? $" (page line {q.Line})" : string.Empty)}")}");
            }

            return _out.ToString();
        }

        private string Success => page.SuccessStatus?.ToString(CultureInfo.InvariantCulture) ?? Todo;

        private string Refs(string about) => _questionIds.TryGetValue(about, out var ids) ? $"  # open: {string.Join(", ", ids)}" : string.Empty;

        private void Table(int indent, ImportedTable table, string pointer, bool pathRows = false)
        {
            if (table.Caption is not null) Line(indent, $"table: {Quote(table.Caption)}");
            Line(indent, "fields:");
            foreach (var row in table.Rows) Row(indent + 1, row, pointer + "/" + row.Name, named: true, pathRows);
        }

        private void Row(int indent, ImportedRow row, string pointer, bool named, bool pathRow = false)
        {
            var first = named ? "- " : string.Empty;
            var inner = named ? indent + 1 : indent;
            var needsTodo = row.Type == FieldType.Object && row.Fields is null;
            var note = needsTodo ? "  # TODO: an object without a table" : pathRow && row.Mandatory is null ? "  # TODO: a path parameter, which the loader requires to be mandatory" : string.Empty;
            if (named) Line(indent, $"- name: {Quote(row.Name)}{note}");
            if (named) Line(inner, $"mandatory: {(row.Mandatory is { } m ? (m ? "true" : "false") : "unknown")}");
            Line(named ? inner : indent, $"{(named ? string.Empty : first)}type: {(row.Type is { } t ? Vocabulary.Name(t) : Todo)}");
            if (row.DocType is not null) Line(inner, $"doc_type: {Quote(row.DocType)}");
            if (row.Origin != "table") Line(inner, $"origin: {row.Origin}");
            if (named) Line(inner, "description: TODO (our words)");
            if (row.DocText.Length > 0) Line(inner, $"doc_text: {Quote(row.DocText)}");
            if (row.Nullable == true) Line(inner, "nullable: true");
            var sources = new List<string>();
            if (row.Mandatory == true) sources.Add("mandatory: page");
            foreach (var c in row.Constraints)
            {
                var value = c.Kind == "required_when" ? $"{{field: {c.Field}, in: {c.Value.ToJsonString()}}}" : c.Value.ToJsonString(Quoting);
                Line(inner, $"{c.Kind}: {value}  # the page: {Comment(c.Sentence)}");
                if (c.Kind != "default") sources.Add($"{c.Kind}: page");
            }

            if (sources.Count > 0) Line(inner, $"sources: {{{string.Join(", ", sources)}}}");
            if (row.DocExample is not null) Line(inner, $"doc_example: {Quote(row.DocExample)}");
            if (needsTodo) Line(inner, "additional_properties: TODO");
            if (named && _questionIds.TryGetValue(pointer, out var ids)) Line(inner, $"assumptions: [{string.Join(", ", ids)}]");
            if (row.Items is { } items)
            {
                Line(inner, "items:");
                Row(inner + 1, items, pointer, named: false);
            }

            if (row.Fields is { } fields)
            {
                if (fields.Caption is not null) Line(inner, $"table: {Quote(fields.Caption)}");
                Line(inner, "fields:");
                foreach (var child in fields.Rows) Row(inner + 1, child, pointer + "/" + child.Name, named: true);
            }
        }

        private void Examples(int indent, IReadOnlyList<ExamplePayload> examples)
        {
            if (examples.Count == 0) return;
            Line(indent, "examples:");
            foreach (var example in examples)
            {
                Line(indent + 1, $"- name: {Quote(example.Name)}");
                Line(indent + 2, $"description: {Quote(example.Description)}");
                Line(indent + 2, "json: |");
                foreach (var line in example.Json.Split('\n')) Line(indent + 3, line);
            }
        }

        private void Line(int indent, string text)
        {
            if (text.Length > 0) _out.Append(' ', indent * 2);
            _out.Append(text).Append('\n');
        }

        private static string Quote(string text) => JsonSerializer.Serialize(text, Quoting);

        private static string Comment(string sentence) => Quote(sentence.ReplaceLineEndings(" "));
    }
}
