using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

// Alibaba's flattened tables, fields only the example shows, and the examples themselves.
public static partial class PageImporter
{
    private sealed partial class TableReader
    {
        private sealed class Scope(string pointer, string[] examplePath)
        {
            public string Pointer { get; } = pointer;

            public string[] ExamplePath { get; } = examplePath;

            public List<ImportedRow> Rows { get; } = [];

            public (ImportedRow Array, Scope Parent)? Owner { get; init; }
        }

        // A nameless row typed object (or string) describes the items of the array row above it; the
        // items' rows follow. Where a later row belongs (the items, or a table further out) the saved
        // table no longer shows: the page's example decides, and an open question is asked when it cannot.
        private List<ImportedRow> FlatRows(PageTable table, string pointer)
        {
            var root = new Scope(pointer, []);
            var stack = new Stack<Scope>();
            stack.Push(root);
            ImportedRow? last = null;
            Scope? lastScope = null;
            foreach (var (row, index) in table.Rows.Select((r, i) => (r, i)))
            {
                var name = row.Text(ColumnRole.Name);
                if (name is null)
                {
                    if (index == 0) continue; // the body itself ("object | The list of ...")
                    if (last?.Type != FieldType.Array || lastScope is null)
                    {
                        throw new PageImportException(walk.Name, row.Line, $"table {table.Label}: a row without a name at line {row.Line} follows no array row, so the importer cannot tell whose items it describes");
                    }

                    var itemRow = Row(table, row, lastScope.Pointer + "/" + last.Name, []);
                    var items = itemRow with { Name = string.Empty, Mandatory = null, DocExample = null };
                    var index2 = lastScope.Rows.IndexOf(last);
                    if (items.Type == FieldType.Object)
                    {
                        var scope = new Scope(lastScope.Pointer + "/" + last.Name, [.. lastScope.ExamplePath, last.Name]) { Owner = (last, lastScope) };
                        stack.Push(scope);
                    }

                    last = last with { Items = items };
                    walk.Retract(lastScope.Pointer + "/" + last.Name, "without saying what its items are");
                    lastScope.Rows[index2] = last;
                    continue;
                }

                var target = PlaceByExample(name, stack, row.Line);
                var imported = Row(table, row, target.Pointer, []);
                target.Rows.Add(imported);
                last = imported;
                lastScope = target;
            }

            // Close the scopes from the inside out: each scope's rows become its array's items' table.
            while (stack.Count > 1) Close(stack.Pop());
            return root.Rows;
        }

        private static void Close(Scope scope)
        {
            var (array, parent) = scope.Owner!.Value;
            var at = parent.Rows.FindIndex(r => r.Name == array.Name);
            var current = parent.Rows[at];
            parent.Rows[at] = current with { Items = current.Items! with { Fields = new ImportedTable(null, current.Line, scope.Rows.ToList()) } };
        }

        private Scope PlaceByExample(string name, Stack<Scope> stack, int line)
        {
            foreach (var scope in stack)
            {
                if (ExampleKeys(scope.ExamplePath).Contains(name))
                {
                    while (stack.Peek() != scope) Close(stack.Pop());
                    return scope;
                }
            }

            walk.Ask(stack.Peek().Pointer + "/" + name, $"{name}: the table no longer shows how deep this row is nested and the page's example does not contain it; it is kept with the rows above it.", line);
            return stack.Peek();
        }

        // The member names of the example's objects at a path of array members (["Snapshots", "Labels"]).
        private HashSet<string> ExampleKeys(string[] path)
        {
            IEnumerable<JsonNode?> nodes = [_example];
            foreach (var step in path)
            {
                nodes = nodes.OfType<JsonObject>().Select(o => o[step]).SelectMany(v => v is JsonArray a ? a.AsEnumerable() : [v]);
            }

            return nodes.OfType<JsonObject>().SelectMany(o => o.Select(kv => kv.Key)).ToHashSet(StringComparer.Ordinal);
        }

        // Members of the example response that no table lists are kept as rows of origin "example".
        private void AddExampleFields()
        {
            if (Response is null || _example is not JsonObject example) return;
            Response = Response with { Rows = WithExampleFields(Response.Rows, example, ResponsePointer) };
        }

        private List<ImportedRow> WithExampleFields(IReadOnlyList<ImportedRow> rows, JsonObject sample, string pointer)
        {
            var result = new List<ImportedRow>();
            foreach (var row in rows)
            {
                var value = sample[row.Name];
                var nullable = sample.ContainsKey(row.Name) && value is null ? true : (bool?)null;
                var updated = row with { Nullable = nullable };
                if (row.Fields is not null && value is JsonObject inner)
                {
                    updated = updated with { Fields = row.Fields with { Rows = WithExampleFields(row.Fields.Rows, inner, pointer + "/" + row.Name) } };
                }
                else if (row.Items?.Fields is { } itemTable && value is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
                {
                    updated = updated with { Items = row.Items with { Fields = itemTable with { Rows = WithExampleFields(itemTable.Rows, first, pointer + "/" + row.Name) } } };
                }

                result.Add(updated);
            }

            foreach (var (key, value) in sample)
            {
                if (rows.Any(r => r.Name == key)) continue;
                var type = value switch
                {
                    JsonObject => FieldType.Object,
                    JsonArray => FieldType.Array,
                    JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => FieldType.String,
                    JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => FieldType.Boolean,
                    JsonValue v when v.TryGetValue<long>(out _) => FieldType.Integer,
                    JsonValue => FieldType.Number,
                    _ => (FieldType?)null,
                };
                result.Add(new ImportedRow(key, null, type, null, string.Empty, null, "example", null, [], null, null, 0));
                walk.Ask(pointer + "/" + key, $"The example response has a member '{key}' that no table lists: is it part of the answer, and what does it hold?", 0);
            }

            return result;
        }

        private void Examples(List<(PageJson Json, JsonNode? Node, Vocabulary.Section? Section)> payloads)
        {
            var errorNames = Errors?.Rows.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            foreach (var (json, node, section) in payloads)
            {
                if (section == Vocabulary.Section.RequestExample)
                {
                    if (!_request.ContainsKey(RequestPart.Body))
                    {
                        walk.Ask("/request", $"The page's example request (line {json.Line}) has a body, but no table describes a request body.", json.Line);
                    }

                    _requestExamples.Add(new ExamplePayload(Name("document", _requestExamples), "The page's example request.", json.Json));
                }
                else if (errorNames is not null && node is JsonObject { Count: 1 } wrapper && wrapper.First().Value is JsonObject body
                    && body.Select(kv => kv.Key).Order(StringComparer.Ordinal).SequenceEqual(errorNames))
                {
                    _errorExamples.Add(new ExamplePayload(wrapper.First().Key, $"The page's error example with the wrapper {wrapper.First().Key}.", json.Json));
                }
                else
                {
                    _responseExamples.Add(new ExamplePayload(Name("document", _responseExamples), "The page's example response.", json.Json));
                }
            }
        }

        private static string Name(string stem, List<ExamplePayload> existing) => existing.Count == 0 ? stem : $"{stem}-{existing.Count + 1}";
    }
}
