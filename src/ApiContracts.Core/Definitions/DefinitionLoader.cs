using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiContracts.Core.Definitions;

/// <summary>Reads definition files strictly and reports every problem with its file, line and column.</summary>
public static partial class DefinitionLoader
{
    private static readonly string[] Providers = ["servicestage", "pai-dsw", "evs"];
    private static readonly string[] ErrorStyles = ["servicestage", "alibaba", "openstack"];
    private static readonly string[] PagingStyles = ["offset-limit", "page-number", "marker"];
    private static readonly string[] Formats = ["date-time", "uri"];

    /// <summary>Loads every <c>*.yaml</c> definition under <paramref name="directory"/>, ordered by id.</summary>
    /// <exception cref="DefinitionException">When any file is malformed; lists the problems of all files.</exception>
    public static IReadOnlyList<ApiDefinition> LoadDirectory(string directory, string? displayRoot = null)
    {
        if (!Directory.Exists(directory)) throw new DefinitionException($"{directory}: the definitions folder does not exist");
        var problems = new List<DefinitionProblem>();
        var result = new List<ApiDefinition>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var shown = displayRoot is null ? file : Path.GetRelativePath(displayRoot, file).Replace('\\', '/');
            try
            {
                result.Add(Load(File.ReadAllText(file), shown));
            }
            catch (DefinitionException ex)
            {
                problems.AddRange(ex.Problems.Count > 0 ? ex.Problems : [new DefinitionProblem(new SourceLocation(shown, 1, 1), ex.Message)]);
            }
        }

        if (problems.Count > 0) throw new DefinitionException(problems);
        if (result.Count == 0) throw new DefinitionException($"{directory}: no *.yaml definitions found");
        return result.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses one definition from YAML text; <paramref name="file"/> names it in messages and must be <c>&lt;id&gt;.yaml</c>.</summary>
    /// <exception cref="DefinitionException">When the text is malformed.</exception>
    public static ApiDefinition Load(string yaml, string file)
    {
        var sink = new ProblemSink(file);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            throw new DefinitionException([new DefinitionProblem(at, $"not valid YAML: {Inner(ex).Message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the scanner still knows where it stopped.
            var at = new SourceLocation(file, (int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column);
            throw new DefinitionException([new DefinitionProblem(at, "not valid YAML: an unterminated [ ] or { } collection ends here")]);
        }

        if (stream.Documents.Count != 1)
        {
            throw new DefinitionException([new DefinitionProblem(new SourceLocation(file, 1, 1), "expected exactly one YAML document")]);
        }

        var definition = new Reader(sink).Read(stream.Documents[0].RootNode);
        if (sink.Problems.Count > 0 || definition is null) throw new DefinitionException(sink.Problems);
        return definition;
    }

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;

    [GeneratedRegex("^A[0-9]+$")]
    private static partial Regex AssumptionId();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ApiId();

    private sealed class Reader(ProblemSink sink)
    {
        private readonly List<(string Id, SourceLocation At)> _references = [];

        public ApiDefinition? Read(YamlNode root)
        {
            var map = YamlMapping.Of(root, sink, "the definition");
            if (map is null) return null;

            var id = map.String("id");
            var expected = Path.GetFileNameWithoutExtension(sink.File);
            if (id.Length > 0 && !ApiId().IsMatch(id)) sink.Report(map.Node("id"), $"id '{id}' must be lower-case words joined by '-'");
            else if (id.Length > 0 && !string.Equals(id, expected, StringComparison.Ordinal))
            {
                sink.Report(map.Node("id"), $"id '{id}' must equal the file name '{expected}'");
            }

            var title = map.String("title");
            var provider = OneOf(map, "provider", Providers);
            var summary = map.String("summary");
            var source = ReadSource(map.Mapping("source", required: true));
            var operation = ReadOperation(map.Mapping("operation", required: true));
            var auth = ReadAuth(map.Mapping("auth", required: true));
            var request = ReadRequest(map.Mapping("request", required: true));
            var responses = ReadResponses(map);
            var errors = ReadErrors(map.Mapping("errors", required: true));
            var pagination = map.Has("pagination") ? ReadPagination(map.Mapping("pagination")) : null;
            var assumptions = ReadAssumptions(map);
            var dataset = ReadDataset(map.Mapping("dataset", required: true), request, responses, operation);
            map.Finish("the definition");

            CheckReferences(assumptions);
            if (operation is not null && responses.All(r => r.Status != operation.SuccessStatus))
            {
                sink.Report(map.Node("responses"), $"no response is given for the success status {operation.SuccessStatus}");
            }

            if (source is null || operation is null || auth is null || request is null || errors is null || dataset is null) return null;
            return new ApiDefinition(id, title, provider, summary, source, operation, auth, request, responses, errors, pagination, assumptions, dataset, sink.File);
        }

        private SourceInfo? ReadSource(YamlMapping? map)
        {
            if (map is null) return null;
            var source = new SourceInfo(map.String("seed"), map.String("page"), map.String("updated_on"), OneOf(map, "language", ["en", "zh"]));
            map.Finish("source");
            return source;
        }

        private OperationInfo? ReadOperation(YamlMapping? map)
        {
            if (map is null) return null;
            var method = OneOf(map, "method", ["GET", "POST", "PUT", "PATCH", "DELETE"]);
            var path = map.String("path");
            if (!path.StartsWith('/')) sink.Report(map.Node("path"), $"path '{path}' must start with '/'");
            var host = map.OptionalString("host");
            var success = map.Int("success_status");
            var documented = new List<int>();
            foreach (var node in map.Sequence("documented_statuses"))
            {
                if (node is YamlScalarNode s && int.TryParse(s.Value, CultureInfo.InvariantCulture, out var status)) documented.Add(status);
                else sink.Report(node, "each documented status must be a number");
            }

            if (!map.Has("documented_statuses")) sink.Report(map.Location, "missing required key 'documented_statuses' (use [] when the page has no status table)");
            map.Finish("operation");
            return new OperationInfo(method, path, host, success, documented);
        }

        private AuthInfo? ReadAuth(YamlMapping? map)
        {
            if (map is null) return null;
            var auth = new AuthInfo(map.String("header"), map.String("scheme"), map.OptionalString("note"));
            map.Finish("auth");
            return auth;
        }

        private RequestInfo? ReadRequest(YamlMapping? map)
        {
            if (map is null) return null;
            var request = new RequestInfo(
                ReadTable(map.Mapping("path"), "request path", requireMandatory: true),
                ReadTable(map.Mapping("query"), "request query", requireMandatory: true),
                ReadTable(map.Mapping("headers"), "request headers", requireMandatory: true),
                ReadTable(map.Mapping("body"), "request body", requireMandatory: true));
            map.Finish("request");
            if (request.Path is not null)
            {
                foreach (var field in request.Path.Fields.Where(f => !f.Mandatory))
                {
                    sink.Report(field.Location, $"path parameter '{field.Name}' must be mandatory");
                }
            }

            return request;
        }

        private FieldTable? ReadTable(YamlMapping? map, string what, bool requireMandatory)
        {
            if (map is null) return null;
            var caption = map.String("table");
            var fields = ReadFields(map, what, requireMandatory);
            var examples = ReadExamples(map, "examples");
            map.Finish(what);
            return new FieldTable(caption, fields, examples);
        }

        private List<FieldDef> ReadFields(YamlMapping map, string what, bool requireMandatory)
        {
            var fields = new List<FieldDef>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (!map.Has("fields")) sink.Report(map.Location, $"{what}: missing required key 'fields'");
            foreach (var node in map.Sequence("fields"))
            {
                var field = ReadField(YamlMapping.Of(node, sink, $"a row of {what}"), what, named: true, requireMandatory);
                if (field is null) continue;
                if (!names.Add(field.Name)) sink.Report(field.Location, $"{what}: the row '{field.Name}' appears twice");
                fields.Add(field);
            }

            return fields;
        }

        private FieldDef? ReadField(YamlMapping? map, string what, bool named, bool requireMandatory)
        {
            if (map is null) return null;
            var at = map.Location;
            var name = named ? map.String("name") : string.Empty;
            var where = named ? $"{what} '{name}'" : $"{what} items";
            var mandatory = named && (requireMandatory ? map.Bool("mandatory") : map.OptionalBool("mandatory") ?? false);
            var typeText = map.String("type");
            var parsedType = ParseType(typeText, map.Node("type"), where);
            var type = parsedType ?? FieldType.String;
            var description = named ? map.String("description") : map.OptionalString("description") ?? string.Empty;

            var constraints = new FieldConstraints
            {
                DocType = map.OptionalString("doc_type"),
                Origin = map.Has("origin") ? OneOf(map, "origin", ["table", "example"]) : "table",
                Nullable = map.OptionalBool("nullable") ?? false,
                Enum = ReadValues(map.Node("enum"), type, where, "enum"),
                Default = map.Node("default") is { } d ? ReadValue(d, type, where, "default") : null,
                Minimum = map.OptionalDecimal("minimum"),
                Maximum = map.OptionalDecimal("maximum"),
                MinLength = (int?)map.OptionalLong("min_length"),
                MaxLength = (int?)map.OptionalLong("max_length"),
                MinItems = (int?)map.OptionalLong("min_items"),
                MaxItems = (int?)map.OptionalLong("max_items"),
                Pattern = ReadPattern(map, where),
                Format = map.Has("format") ? OneOf(map, "format", Formats) : null,
                Hint = map.OptionalString("hint"),
                DocExample = map.OptionalString("doc_example"),
                AdditionalProperties = map.OptionalBool("additional_properties") ?? false,
                RequiredWhen = ReadRequiredWhen(map.Mapping("required_when")),
                Assumptions = ReadAssumptionRefs(map),
            };

            FieldDef? items = null;
            if (map.Node("items") is { } itemsNode)
            {
                if (type != FieldType.Array) sink.Report(itemsNode, $"{where}: 'items' is only allowed on arrays");
                items = ReadField(YamlMapping.Of(itemsNode, sink, $"{where} items"), where, named: false, requireMandatory: false);
            }
            else if (type == FieldType.Array)
            {
                sink.Report(at, $"{where}: an array needs 'items'");
            }

            FieldTable? nested = null;
            if (map.Has("fields"))
            {
                if (type != FieldType.Object) sink.Report(map.Node("fields"), $"{where}: 'fields' is only allowed on objects");
                var caption = map.OptionalString("table") ?? string.Empty;
                nested = new FieldTable(caption, ReadFields(map, where, requireMandatory), []);
            }
            else
            {
                map.Has("table");
            }

            if (type == FieldType.Object && nested is null && !constraints.AdditionalProperties)
            {
                sink.Report(at, $"{where}: an object needs 'fields' or 'additional_properties: true'");
            }

            if (parsedType is not null) CheckConstraints(constraints, type, where, at);
            map.Finish(where);
            return new FieldDef(name, mandatory, type, description, constraints, items, nested, at);
        }

        private void CheckConstraints(FieldConstraints c, FieldType type, string where, SourceLocation at)
        {
            var numeric = type is FieldType.Integer or FieldType.Number;
            if ((c.Minimum is not null || c.Maximum is not null) && !numeric) sink.Report(at, $"{where}: minimum/maximum apply to numbers only");
            if (c.Minimum > c.Maximum) sink.Report(at, $"{where}: minimum {c.Minimum} is above maximum {c.Maximum}");
            if ((c.MinLength is not null || c.MaxLength is not null || c.Pattern is not null || c.Format is not null) && type != FieldType.String)
            {
                sink.Report(at, $"{where}: min_length, max_length, pattern and format apply to strings only");
            }

            if ((c.MinItems is not null || c.MaxItems is not null) && type != FieldType.Array) sink.Report(at, $"{where}: min_items/max_items apply to arrays only");
            if (c.Default is JsonValue dv && c.Enum is { } values && !values.Any(v => JsonNode.DeepEquals(v, dv)))
            {
                sink.Report(at, $"{where}: the default {dv.ToJsonString()} is not one of the enum values");
            }

            if (c.Default is JsonValue n && numeric)
            {
                var value = decimal.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (value < c.Minimum || value > c.Maximum) sink.Report(at, $"{where}: the default {value} is outside [{c.Minimum}, {c.Maximum}]");
            }
        }

        private string? ReadPattern(YamlMapping map, string where)
        {
            var pattern = map.OptionalString("pattern");
            if (pattern is null) return null;
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                sink.Report(map.Node("pattern"), $"{where}: the pattern is not a valid regular expression: {ex.Message}");
            }

            return pattern;
        }

        private RequiredWhen? ReadRequiredWhen(YamlMapping? map)
        {
            if (map is null) return null;
            var field = map.String("field");
            if (!field.StartsWith('/')) sink.Report(map.Node("field"), $"required_when.field '{field}' must be a JSON pointer such as /action");
            var values = map.Strings("in");
            if (values.Count == 0) sink.Report(map.Location, "required_when.in must list at least one value");
            map.Finish("required_when");
            return new RequiredWhen(field, values);
        }

        private FieldType? ParseType(string text, YamlNode? node, string where)
        {
            switch (text)
            {
                case "string": return FieldType.String;
                case "integer": return FieldType.Integer;
                case "number": return FieldType.Number;
                case "boolean": return FieldType.Boolean;
                case "object": return FieldType.Object;
                case "array": return FieldType.Array;
                default:
                    if (text.Length > 0) sink.Report(node, $"{where}: unknown type '{text}' (allowed: string, integer, number, boolean, object, array)");
                    return null;
            }
        }

        private List<JsonNode>? ReadValues(YamlNode? node, FieldType type, string where, string key)
        {
            if (node is null) return null;
            if (node is not YamlSequenceNode seq)
            {
                sink.Report(node, $"{where}: '{key}' must be a list");
                return null;
            }

            var values = new List<JsonNode>();
            foreach (var item in seq)
            {
                var value = ReadValue(item, type, where, key);
                if (value is not null) values.Add(value);
            }

            if (values.Count == 0) sink.Report(node, $"{where}: '{key}' must not be empty");
            return values;
        }

        private JsonNode? ReadValue(YamlNode node, FieldType type, string where, string key)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null)
            {
                sink.Report(node, $"{where}: '{key}' values must be single values");
                return null;
            }

            var text = scalar.Value;
            switch (type)
            {
                case FieldType.String:
                    return JsonValue.Create(text);
                case FieldType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                    return JsonValue.Create(l);
                case FieldType.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                    return JsonValue.Create(d);
                case FieldType.Boolean when text is "true" or "false":
                    return JsonValue.Create(text == "true");
                default:
                    sink.Report(node, $"{where}: '{key}' value '{text}' is not a valid {type.ToString().ToLowerInvariant()}");
                    return null;
            }
        }

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
                    body = new FieldTable(r.OptionalString("table") ?? string.Empty, ReadFields(r, $"response {status}", requireMandatory: true), []);
                }
                else
                {
                    r.Has("table");
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
                    _ = JsonNode.Parse(example.Json);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    sink.Report(e.Node("json"), $"example '{example.Name}' is not valid JSON: {ex.Message}");
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
            var fields = new FieldTable(map.OptionalString("table") ?? string.Empty, ReadFields(map, "error body", requireMandatory: true), []);
            var pattern = map.OptionalString("code_pattern");
            var envelopes = map.Strings("envelopes");
            if (style == "openstack" && envelopes.Count == 0) sink.Report(map.Location, "openstack errors need 'envelopes' (the wrapper names)");
            if (style != "openstack" && envelopes.Count > 0) sink.Report(map.Node("envelopes"), "'envelopes' apply to openstack errors only");
            var examples = ReadExamples(map, "examples");
            var assumptions = ReadAssumptionRefs(map);
            map.Finish("errors");
            return new ErrorModel(style, description, fields, pattern, envelopes, examples, assumptions);
        }

        private PaginationModel? ReadPagination(YamlMapping? map)
        {
            if (map is null) return null;
            var style = OneOf(map, "style", PagingStyles);
            var items = map.String("items");
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
                sort = new SortRule(s.OptionalString("parameter"), s.String("default"), s.Strings("fields"), s.OptionalString("direction_parameter"), s.String("default_direction"));
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

            switch (style)
            {
                case "offset-limit" when limit is null || offset is null:
                    sink.Report(map.Location, "offset-limit paging needs 'limit' and 'offset'");
                    break;
                case "page-number" when page is null || size is null:
                    sink.Report(map.Location, "page-number paging needs 'page' and 'size'");
                    break;
                case "marker" when limit is null || marker is null:
                    sink.Report(map.Location, "marker paging needs 'limit' and 'marker'");
                    break;
            }

            map.Finish("pagination");
            return new PaginationModel(style, items, total, limit, offset, page, size, marker, links, sort, filters);
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

        private List<Assumption> ReadAssumptions(YamlMapping map)
        {
            var list = new List<Assumption>();
            foreach (var node in map.Sequence("assumptions"))
            {
                var a = YamlMapping.Of(node, sink, "an assumption");
                if (a is null) continue;
                var assumption = new Assumption(a.String("id"), a.String("about"), a.String("text"));
                if (!AssumptionId().IsMatch(assumption.Id)) sink.Report(a.Node("id"), $"assumption id '{assumption.Id}' must look like A1");
                if (list.Any(x => x.Id == assumption.Id)) sink.Report(a.Node("id"), $"assumption {assumption.Id} is defined twice");
                a.Finish("an assumption");
                list.Add(assumption);
            }

            return list;
        }

        private List<string> ReadAssumptionRefs(YamlMapping map)
        {
            var ids = map.Strings("assumptions").ToList();
            foreach (var id in ids) _references.Add((id, map.Location));
            return ids;
        }

        private void CheckReferences(List<Assumption> assumptions)
        {
            foreach (var (id, at) in _references)
            {
                if (assumptions.All(a => a.Id != id)) sink.Report(at, $"assumption {id} is referenced but not defined under 'assumptions'");
            }
        }

        private string OneOf(YamlMapping map, string key, string[] allowed)
        {
            var value = map.String(key);
            if (value.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
            {
                sink.Report(map.Node(key), $"'{key}' is '{value}' (allowed: {string.Join(", ", allowed)})");
            }

            return value;
        }
    }
}
