using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using YamlDotNet.Core;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ApiContracts.Core.Definitions;

// Responses, examples, errors, paging and datasets.
public static partial class DefinitionLoader
{
    private sealed partial class Reader
    {
        private List<ResponseInfo> ReadResponses(YamlMapping map)
        {
            var responses = new List<ResponseInfo>();
            if (!map.Has("responses")) sink.Report(map.Location, "missing required key 'responses'");
            foreach (var node in map.Sequence("responses"))
            {
                var r = YamlMapping.Of(node, sink, "a response");
                if (r is null) continue;
                var status = r.Int("status");
                if (status is < 100 or > 599) sink.Report(r.Node("status"), $"status {status} is not an HTTP status");
                if (responses.Any(x => x.Status == status)) sink.Report(r.Node("status"), $"status {status} appears twice");
                var description = r.String("description");
                FieldTable? body = null;
                if (r.Has("fields"))
                {
                    body = new FieldTable(r.OptionalString("table") ?? string.Empty, ReadFields(r, $"response {status}", requireMandatory: true), [])
                    {
                        Sources = ReadSources(r, $"response {status}"),
                    };
                }
                else
                {
                    r.Has("table");
                    if (r.Has("sources")) sink.Report(r.Node("sources"), $"response {status}: 'sources' apply to a success body; give an error body's sources under 'errors'");
                }

                var examples = ReadExamples(r, "examples");
                ErrorCase? error = null;
                if (r.Mapping("error") is { } e)
                {
                    error = new ErrorCase(e.String("code"), e.OptionalString("envelope"));
                    e.Finish($"response {status} error");
                }

                if (error is null == body is null) sink.Report(r.Location, $"response {status} needs exactly one of 'fields' (a success body) or 'error'");
                var assumptions = ReadAssumptionRefs(r);
                r.Finish($"response {status}");
                responses.Add(new ResponseInfo(status, description, body, examples, error, assumptions));
            }

            return responses.OrderBy(r => r.Status).ToList();
        }

        // Where a fault inside an example's JSON is in the file: a block scalar (json: |) starts on the next line.
        private SourceLocation JsonFault(YamlNode? node, JsonInputException ex)
        {
            if (node is not YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded } block || ex.Line < 1) return sink.At(node);
            var line = (int)block.Start.Line + (int)ex.Line;
            var text = sink.Line(line);
            var indent = text.Length - text.TrimStart(' ').Length;
            return new SourceLocation(sink.File, line, indent + (int)ex.Column);
        }

        private List<ExamplePayload> ReadExamples(YamlMapping map, string key)
        {
            var examples = new List<ExamplePayload>();
            foreach (var node in map.Sequence(key))
            {
                var e = YamlMapping.Of(node, sink, "an example");
                if (e is null) continue;
                var example = new ExamplePayload(e.String("name"), e.String("description"), e.String("json").TrimEnd('\n'));
                try
                {
                    _ = JsonInput.Parse(example.Json, "json");
                }
                catch (JsonInputException ex)
                {
                    sink.Report(JsonFault(e.Node("json"), ex), $"example '{example.Name}' is {ex.Kind}: {ex.Reason}");
                }

                e.Finish("an example");
                examples.Add(example);
            }

            return examples;
        }

        private ErrorModel? ReadErrors(YamlMapping? map)
        {
            if (map is null) return null;
            var style = OneOf(map, "style", ErrorStyles);
            var description = map.String("description");
            var fields = new FieldTable(map.OptionalString("table") ?? string.Empty, ReadFields(map, "error body", requireMandatory: true), [])
            {
                Sources = ReadSources(map, "errors"),
            };
            var pattern = map.OptionalString("code_pattern");
            var envelopes = map.Strings("envelopes");
            if (style == "openstack" && envelopes.Count == 0) sink.Report(map.Location, "openstack errors need 'envelopes' (the wrapper names)");
            if (style != "openstack" && envelopes.Count > 0) sink.Report(map.Node("envelopes"), "'envelopes' apply to openstack errors only");
            var examples = ReadExamples(map, "examples");
            var assumptions = ReadAssumptionRefs(map);
            map.Finish("errors");
            return new ErrorModel(style, description, fields, pattern, envelopes, examples, assumptions);
        }

        private Paging? ReadPagination(YamlMapping? map, IReadOnlyList<ResponseInfo> responses, OperationInfo? operation)
        {
            if (map is null) return null;
            var style = OneOf(map, "style", PagingStyles);
            var items = map.String("items");
            var itemFields = responses.FirstOrDefault(r => r.Status == operation?.SuccessStatus)?.Body?.Fields
                .FirstOrDefault(f => "/" + f.Name == items)?.Items?.Fields?.Fields;
            var key = ItemField(map, "key", itemFields);
            var total = map.String("total");
            var limit = ReadLimit(map.Mapping("limit"));
            var offset = ReadParameter(map.Mapping("offset"), "offset");
            var page = ReadParameter(map.Mapping("page"), "page");
            var size = ReadParameter(map.Mapping("size"), "size");
            var marker = ReadParameter(map.Mapping("marker"), "marker");
            LinkRule? links = null;
            if (map.Mapping("links") is { } l)
            {
                links = new LinkRule(l.String("field"), l.String("rel"), l.String("when"));
                l.Finish("links");
            }

            SortRule? sort = null;
            if (map.Mapping("sort") is { } s)
            {
                sort = new SortRule(s.OptionalString("parameter"), s.String("default"), s.Strings("fields"), s.OptionalString("direction_parameter"), s.String("default_direction"), ItemField(s, "item_field", itemFields));
                s.Finish("sort");
            }

            var filters = new List<FilterRule>();
            foreach (var node in map.Sequence("filters"))
            {
                var f = YamlMapping.Of(node, sink, "a filter");
                if (f is null) continue;
                filters.Add(new FilterRule(f.String("parameter"), f.String("field")));
                f.Finish("a filter");
            }

            map.Finish("pagination");
            switch (style)
            {
                case "offset-limit" when limit is not null && offset is not null:
                    Unused(map, "offset-limit", ("page", page), ("size", size), ("marker", marker));
                    return new OffsetLimitPaging(items, key, total, links, sort, filters, limit, offset);
                case "offset-limit":
                    sink.Report(map.Location, "offset-limit paging needs 'limit' and 'offset'");
                    return null;
                case "page-number" when page is not null && size is not null:
                    Unused(map, "page-number", ("limit", limit), ("offset", offset), ("marker", marker));
                    return new PageNumberPaging(items, key, total, links, sort, filters, page, size);
                case "page-number":
                    sink.Report(map.Location, "page-number paging needs 'page' and 'size'");
                    return null;
                case "marker" when limit is not null && marker is not null:
                    Unused(map, "marker", ("page", page), ("size", size));
                    return new MarkerPaging(items, key, total, links, sort, filters, limit, marker, offset);
                case "marker":
                    sink.Report(map.Location, "marker paging needs 'limit' and 'marker'");
                    return null;
                default:
                    return null; // OneOf reported the style.
            }
        }

        // A field of each list item, named by the paging model: it must be one the item table lists as mandatory.
        private string? ItemField(YamlMapping map, string key, IReadOnlyList<FieldDef>? itemFields)
        {
            var name = map.OptionalString(key);
            if (name is null || itemFields is null) return name;
            if (!itemFields.Any(f => f.Name == name && f.Mandatory))
            {
                sink.Report(map.Node(key), $"'{key}' is '{name}', which is not a mandatory field of the list items (fields: {string.Join(", ", itemFields.Select(f => f.Name))})");
            }

            return name;
        }

        // A parameter the style does not read would be silently ignored: say so instead.
        private void Unused(YamlMapping map, string style, params (string Key, object? Value)[] keys)
        {
            foreach (var (key, value) in keys)
            {
                if (value is not null) sink.Report(map.Node(key), $"{style} paging takes no '{key}'");
            }
        }

        private DatasetModel? ReadDataset(YamlMapping? map, RequestInfo? request, List<ResponseInfo> responses, OperationInfo? operation)
        {
            if (map is null) return null;
            var description = map.String("description");
            var parent = map.String("parent");
            var source = map.OptionalString("source");
            var pathNames = request?.Path?.Fields.Select(f => f.Name).ToList() ?? [];
            if (parent.Length > 0 && !pathNames.Contains(parent, StringComparer.Ordinal))
            {
                sink.Report(map.Node("parent"), $"dataset parent '{parent}' is not a path parameter (path parameters: {string.Join(", ", pathNames)})");
            }

            var parents = new List<IReadOnlyDictionary<string, string>>();
            foreach (var node in map.Sequence("parents"))
            {
                var p = YamlMapping.Of(node, sink, "a known parent");
                if (p is null) continue;
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var name in pathNames) values[name] = p.String(name);
                p.Finish("a known parent");
                parents.Add(values);
            }

            if (parents.Count == 0) sink.Report(map.Location, "dataset.parents must list at least one known parent");
            if (parents.Select(p => p.GetValueOrDefault(parent)).Distinct(StringComparer.Ordinal).Count() != parents.Count)
            {
                sink.Report(map.Node("parents"), $"known parents must differ in '{parent}'");
            }

            var envelope = new JsonObject();
            var successBody = responses.FirstOrDefault(r => r.Status == operation?.SuccessStatus)?.Body;
            if (map.Mapping("envelope") is { } e)
            {
                foreach (var field in successBody?.Fields ?? [])
                {
                    if (e.Node(field.Name) is not { } valueNode) continue;
                    envelope[field.Name] = valueNode is YamlScalarNode s && YamlMapping.IsNull(s) ? null : ReadValue(valueNode, field.Type, "dataset.envelope", field.Name);
                }

                e.Finish("dataset.envelope (keys must be fields of the success body)");
            }

            map.Finish("dataset");
            return new DatasetModel(description, parent, parents, envelope, source);
        }

        private LimitRule? ReadLimit(YamlMapping? map)
        {
            if (map is null) return null;
            var honoured = new List<(long, long)>();
            foreach (var text in map.Strings("honoured"))
            {
                var parts = text.Split("..");
                if (parts.Length is 1 or 2
                    && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var from)
                    && long.TryParse(parts[^1], CultureInfo.InvariantCulture, out var to)
                    && from <= to)
                {
                    honoured.Add((from, to));
                }
                else
                {
                    sink.Report(map.Node("honoured"), $"honoured range '{text}' must be 'N' or 'N..M'");
                }
            }

            var rule = new LimitRule(map.String("parameter"), map.OptionalLong("default"), map.OptionalLong("minimum"), map.OptionalLong("maximum"), honoured, map.OptionalLong("otherwise"));
            if (rule.Clamps != (honoured.Count > 0)) sink.Report(map.Location, "a clamping limit needs both 'honoured' and 'otherwise'");
            map.Finish("limit");
            return rule;
        }

        private PagingParameter? ReadParameter(YamlMapping? map, string what)
        {
            if (map is null) return null;
            var p = new PagingParameter(map.String("parameter"), map.OptionalLong("default"), map.OptionalLong("minimum"), map.OptionalLong("maximum"));
            map.Finish(what);
            return p;
        }
    }
}
