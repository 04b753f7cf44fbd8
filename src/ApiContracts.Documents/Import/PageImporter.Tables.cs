using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

// Tables: which part of the request or response each describes, nesting, rows, examples.
public static partial class PageImporter
{
    [GeneratedRegex(@"(?:[Ss]ee\s+Table\s*(?<n>[0-9]+)|参考表\s*(?<n>[0-9]+))")]
    private static partial Regex TableReference();

    [GeneratedRegex(@"[Ss]ee (?<x>[A-Z][^.。]*?)\s*[.。]")]
    private static partial Regex NamedReference();

    [GeneratedRegex(@"error occurs|出错时|错误时")]
    private static partial Regex ErrorWording();

    private sealed partial class TableReader(Walk walk)
    {
        private readonly Dictionary<RequestPart, ImportedTable> _request = [];
        private readonly HashSet<PageTable> _used = [];
        private readonly List<ExamplePayload> _requestExamples = [];
        private readonly List<ExamplePayload> _responseExamples = [];
        private readonly List<ExamplePayload> _errorExamples = [];
        private JsonNode? _example;

        public IReadOnlyDictionary<RequestPart, ImportedTable> Request => _request;

        public ImportedTable? Response { get; private set; }

        public ImportedTable? Errors { get; private set; }

        public List<ExamplePayload> RequestExamples => _requestExamples;

        public List<ExamplePayload> ResponseExamples => _responseExamples;

        public List<ExamplePayload> ErrorExamples => _errorExamples;

        private string ResponsePointer => $"/responses/{walk.SuccessPointerStatus}";

        public void Read()
        {
            var payloads = walk.Payloads.Select(p => (p.Json, Node: Walk.ParseJson(p.Json.Json), p.Section)).ToList();
            _example = payloads.FirstOrDefault(p => p.Section != Vocabulary.Section.RequestExample && p.Node is JsonObject).Node;
            var bodyFields = new List<string>();
            foreach (var (table, _) in walk.Tables.Where(t => t.Table.Caption is { } c && Part(c) == RequestPart.Body)) bodyFields.AddRange(table.Rows.Select(r => r.Text(ColumnRole.Name) ?? string.Empty));
            _bodyFields = bodyFields;

            foreach (var (table, _) in walk.Tables)
            {
                if (_used.Contains(table) || IsReferenced(table)) continue;
                Place(table);
            }

            foreach (var (table, _) in walk.Tables.Where(t => !_used.Contains(t.Table)))
            {
                throw new PageImportException(walk.Name, table.Line, $"table {table.Label} could not be placed: no row refers to it (\"See Table N\", \"请参考表N\" or \"see <its name>\") and its caption names no part of the request or response");
            }

            MoveErrorRow();
            AddExampleFields();
            Examples(payloads);
            foreach (var name in walk.Operation.PathNames.Where(n => _request.GetValueOrDefault(RequestPart.Path)?.Rows.All(r => r.Name != n) ?? true))
            {
                walk.Ask($"/request/path/{name}", $"The path names {{{name}}}, which no table of the page describes: what is it, and is it a string?", walk.Operation.Line);
            }

            if (walk.Operation.Query is { } query)
            {
                walk.Ask("/request/query", $"The request line carries the query '{query}', which no table of the page describes: which query parameters does the API take, with which types and bounds?", walk.Operation.Line);
            }
        }

        private List<string> _bodyFields = [];

        private static RequestPart? Part(string caption)
        {
            var c = caption.ToLowerInvariant();
            if (c.Contains("path parameter", StringComparison.Ordinal) || c.Contains("路径参数", StringComparison.Ordinal)) return RequestPart.Path;
            if (c.Contains("query parameter", StringComparison.Ordinal) || c.Contains("查询参数", StringComparison.Ordinal)) return RequestPart.Query;
            if (c.Contains("header", StringComparison.Ordinal)) return RequestPart.Headers;
            if (c.Contains("request body", StringComparison.Ordinal) || c.Contains("请求body", StringComparison.Ordinal)) return RequestPart.Body;
            return null;
        }

        private static bool IsResponseCaption(string caption)
        {
            var c = caption.ToLowerInvariant();
            return c.Contains("response parameter", StringComparison.Ordinal) || c.Contains("response body", StringComparison.Ordinal)
                || c.Contains("response element", StringComparison.Ordinal) || c.Contains("响应参数", StringComparison.Ordinal) || c.Contains("响应body", StringComparison.Ordinal);
        }

        private bool IsReferenced(PageTable table) =>
            table.Caption is { } c && Vocabulary.CaptionNumber(c) is { } n
            && walk.Tables.Any(t => t.Table != table && t.Table.Rows.Any(r => References(r) == n));

        private static int? References(PageRow row) =>
            row.Text(ColumnRole.Description) is { } d && TableReference().Match(d) is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

        private void Place(PageTable table)
        {
            var caption = table.Caption ?? string.Empty;
            if (caption.Equals("Request parameters", StringComparison.OrdinalIgnoreCase) || caption == "请求参数")
            {
                _used.Add(table);
                SplitRequest(table);
            }
            else if (Part(caption) is { } part)
            {
                _used.Add(table);
                var pointer = "/request/" + part.ToString().ToLowerInvariant();
                _request[part] = new ImportedTable(table.Caption, table.Line, Rows(table, pointer, part == RequestPart.Body ? _bodyFields : []));
                MandatoryLost(table, pointer);
            }
            else if (IsResponseCaption(caption) || table.Caption is null && NamesAreExampleMembers(table))
            {
                _used.Add(table);
                if (table.Caption is null)
                {
                    walk.Ask(ResponsePointer, $"The table at line {table.Line} has no caption; it is read as the success body because each of its names is a member of the page's example JSON.", table.Line);
                }

                Response = new ImportedTable(table.Caption, table.Line, Rows(table, ResponsePointer, []));
                if (!table.Has(ColumnRole.Mandatory))
                {
                    walk.Ask(ResponsePointer, $"The response table {table.Label} has no Mandatory column: which fields are always present?", table.Line);
                }
            }
        }

        private bool NamesAreExampleMembers(PageTable table) =>
            walk.Payloads.Any(p => Walk.ParseJson(p.Json.Json) is JsonObject o && table.Rows.All(r => r.Text(ColumnRole.Name) is { } n && (o.ContainsKey(n) || Wrapped(n))));

        // A row the page describes as the error returned (EVS's "error" member) names a wrapper of an error example.
        private bool Wrapped(string name) => walk.Payloads.Any(p => Walk.ParseJson(p.Json.Json) is JsonObject o && o.Count == 1 && o.ContainsKey(name));

        private void MandatoryLost(PageTable table, string pointer)
        {
            if (table.Has(ColumnRole.Mandatory) && table.Rows.Any(r => r.Text(ColumnRole.Mandatory) is null))
            {
                var header = table.Columns.First(c => c.Role == ColumnRole.Mandatory).Header;
                walk.Ask(pointer, $"Table {table.Label} prints a {header} column, but {(table.Rows.All(r => r.Text(ColumnRole.Mandatory) is null) ? "no row" : "not every row")} has a value in it: which parameters are mandatory?", table.Line);
            }
        }

        // Alibaba's one request table: the path template's names are path parameters, the rest query parameters of a GET.
        private void SplitRequest(PageTable table)
        {
            var pathNames = walk.Operation.PathNames;
            var path = table.Rows.Where(r => pathNames.Contains(r.Text(ColumnRole.Name))).Select(r => Row(table, r, "/request/path", [])).ToList();
            var rest = table.Rows.Where(r => !pathNames.Contains(r.Text(ColumnRole.Name))).Select(r => Row(table, r, "/request/query", [])).ToList();
            if (path.Count > 0) _request[RequestPart.Path] = new ImportedTable(table.Caption, table.Line, path);
            if (rest.Count == 0) return;
            if (walk.Operation.Method is "GET" or "DELETE" or "HEAD")
            {
                _request[RequestPart.Query] = new ImportedTable(table.Caption, table.Line, rest);
            }
            else
            {
                _request[RequestPart.Query] = new ImportedTable(table.Caption, table.Line, rest);
                walk.Ask("/request/query", $"Table {table.Label} mixes parameters of a {walk.Operation.Method}: are {string.Join(", ", rest.Select(r => r.Name))} query parameters or body fields?", table.Line);
            }
        }

        private List<ImportedRow> Rows(PageTable table, string pointer, IReadOnlyCollection<string> bodyFields) =>
            table.Flat ? FlatRows(table, pointer) : table.Rows.Select(r => Row(table, r, pointer, bodyFields)).ToList();

        private ImportedRow Row(PageTable table, PageRow row, string parentPointer, IReadOnlyCollection<string> bodyFields)
        {
            var name = row.Text(ColumnRole.Name) ?? string.Empty;
            var pointer = name.Length == 0 ? parentPointer : parentPointer + "/" + name;
            var printed = row.Text(ColumnRole.Type) ?? string.Empty;
            var parsed = Vocabulary.Parse(printed) ?? throw new PageImportException(walk.Name, row.Line, $"table {table.Label}: the row '{name}' has the type '{printed}', which is not one the importer knows (String, Integer, Number, Boolean, Object, Array, Array of objects, array<object>)");
            var text = row.Text(ColumnRole.Description) ?? string.Empty;
            bool? mandatory = row.Text(ColumnRole.Mandatory) is { } m ? Vocabulary.YesNo(m) : null;
            var (constraints, questions) = Wording.Read(name, parsed.Type, text, bodyFields, mandatory);
            foreach (var q in questions) walk.Ask(pointer, $"{(name.Length == 0 ? "The items" : name)}: {q}.", row.Line);

            var docType = string.Equals(printed, Vocabulary.Name(parsed.Type), StringComparison.OrdinalIgnoreCase) ? null : printed;
            ImportedRow? items = null;
            ImportedTable? fields = null;
            var nested = Nested(table, row);
            if (parsed.Type == FieldType.Array)
            {
                if (nested is not null)
                {
                    items = new ImportedRow(string.Empty, null, FieldType.Object, null, string.Empty, null, "table", null, [], null, Nest(nested, pointer, bodyFields), row.Line);
                }
                else if (parsed.Items is { } itemType)
                {
                    items = new ImportedRow(string.Empty, null, itemType, null, string.Empty, null, "table", null, [], null, null, row.Line);
                }
                else
                {
                    items = new ImportedRow(string.Empty, null, null, null, string.Empty, null, "table", null, [], null, null, row.Line);
                    walk.Ask(pointer, $"{name}: the page prints the type '{printed}' without saying what its items are.", row.Line);
                }
            }
            else if (parsed.Type == FieldType.Object && nested is not null)
            {
                fields = Nest(nested, pointer, bodyFields);
            }
            else if (parsed.Type == FieldType.Object && name.Length > 0)
            {
                walk.Ask(pointer, $"{name}: an object the page gives no table for: which members may it hold?", row.Line);
            }

            return new ImportedRow(name, mandatory, parsed.Type, docType, text, row.Text(ColumnRole.Example), "table", null, constraints, items, fields, row.Line);
        }

        private ImportedTable Nest(PageTable nested, string pointer, IReadOnlyCollection<string> bodyFields)
        {
            _used.Add(nested);
            return new ImportedTable(nested.Caption, nested.Line, nested.Rows.Select(r => Row(nested, r, pointer, bodyFields)).ToList());
        }
    }
}
