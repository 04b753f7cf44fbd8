using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ApiContracts.Core.Definitions;

/// <summary>Reads definition files strictly and reports every problem with its file, line and column.</summary>
/// <remarks>
/// A definition is UTF-8 text (a leading byte order mark is allowed), one YAML document without anchors
/// or aliases (a reference is written out, so no file can expand into a huge one), without tags and at most
/// <see cref="MaxDepth"/> mappings and lists deep. These are checked on the parser's events, before any
/// node is built, so a hostile file fails at once with its line and column.
/// </remarks>
public static partial class DefinitionLoader
{
    /// <summary>The deepest nesting of mappings and lists a definition may have.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
                result.Add(Load(Decode(File.ReadAllBytes(file), shown), shown));
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
        ArgumentNullException.ThrowIfNull(yaml);
        Screen(yaml, file);
        var sink = new ProblemSink(file, yaml);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            throw Syntax(ex, yaml, file);
        }
        catch (InvalidOperationException)
        {
            throw Unterminated(scanner, file);
        }

        if (stream.Documents.Count != 1)
        {
            throw new DefinitionException([new DefinitionProblem(new SourceLocation(file, 1, 1), "expected exactly one YAML document")]);
        }

        var definition = new Reader(sink).Read(stream.Documents[0].RootNode);
        if (sink.Problems.Count > 0 || definition is null) throw new DefinitionException(sink.Problems);
        return definition;
    }

    /// <summary>Decodes a definition file's bytes as strict UTF-8 (a leading byte order mark is dropped).</summary>
    /// <exception cref="DefinitionException">At the line and column of the first byte that is not UTF-8.</exception>
    internal static string Decode(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = bytes.AsSpan();
        if (text.StartsWith(Encoding.UTF8.Preamble)) text = text[Encoding.UTF8.Preamble.Length..];
        if (Utf8Text.FirstInvalid(text) is not { } bad) return StrictUtf8.GetString(text);

        // Columns count characters, as the YAML parser's do; everything before the bad byte is valid.
        var before = text[..bad.Offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = StrictUtf8.GetCharCount(before[lineStart..]) + 1;
        throw new DefinitionException([new DefinitionProblem(new SourceLocation(file, line, column), $"not valid UTF-8: {bad.Reason}; definitions are UTF-8 text")]);
    }

    // Walks the parser's events (no nodes are built, so nothing recurses) and refuses anchors, aliases and deep nesting.
    private static void Screen(string yaml, string file)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var parser = new Parser(scanner);
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var problem = current switch
                {
                    AnchorAlias alias => $"the alias *{alias.Value} is not allowed: definitions do not use YAML anchors and aliases (write the value out)",
                    NodeEvent { Anchor.IsEmpty: false } node => $"the anchor &{node.Anchor} is not allowed: definitions do not use YAML anchors and aliases (write the value out)",
                    // A tag (!!binary, !!str, !custom) would change what a value means, and the loader reads plain text: refused, not ignored.
                    NodeEvent { Tag.IsEmpty: false } node => $"the tag {Shown(node.Tag.Value)} is not allowed: definitions do not use YAML tags (write the plain value)",
                    MappingStart or SequenceStart when ++depth > MaxDepth => $"mappings and lists are nested deeper than {MaxDepth} levels, the limit for definitions",
                    _ => null,
                };
                if (current is MappingEnd or SequenceEnd) depth--;
                if (problem is not null)
                {
                    throw new DefinitionException([new DefinitionProblem(new SourceLocation(file, (int)current.Start.Line, (int)current.Start.Column), problem)]);
                }
            }
        }
        catch (YamlException ex)
        {
            throw Syntax(ex, yaml, file);
        }
        catch (InvalidOperationException)
        {
            throw Unterminated(scanner, file);
        }
    }

    // A tag as it is written: !!binary for YAML's own (tag:yaml.org,2002:binary), others as they are.
    private static string Shown(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    private static DefinitionException Syntax(YamlException ex, string yaml, string file)
    {
        var message = Inner(ex).Message;
        var at = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
        // The parser notices a tab late and points at the line before it, or at 1:1: find the tab itself.
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(yaml, (int)ex.Start.Line) is { } tab)
        {
            return new DefinitionException([new DefinitionProblem(new SourceLocation(file, tab.Line, tab.Column), "not valid YAML: a tab is used for indentation; YAML indents with spaces only")]);
        }

        return new DefinitionException([new DefinitionProblem(at, $"not valid YAML: {message}")]);
    }

    // YamlDotNet's scanner fails this way on some unterminated flow collections; the scanner still knows where it stopped.
    private static DefinitionException Unterminated(Scanner scanner, string file) =>
        new([new DefinitionProblem(new SourceLocation(file, (int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column), "not valid YAML: an unterminated [ ] or { } collection ends here")]);

    // The first tab in the leading whitespace of a line with content, at or after line `from` if there is
    // one (else the first at all); lines inside block scalars (| and >) may hold tabs and are skipped.
    private static (int Line, int Column)? IndentingTab(string yaml, int from)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        (int Line, int Column)? first = null;
        var block = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (line.Trim().Length == 0) continue;
            if (block >= 0 && spaces > block) continue;
            block = BlockScalarStart().IsMatch(line) ? spaces : -1;
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0 || tab >= indent) continue;
            if (i + 1 >= from) return (i + 1, tab + 1);
            first ??= (i + 1, tab + 1);
        }

        return first;
    }

    [GeneratedRegex(@"(^|[:\-])\s*[|>][-+0-9]*\s*(#.*)?$")]
    private static partial Regex BlockScalarStart();

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;

    [GeneratedRegex("^A[0-9]+$")]
    private static partial Regex AssumptionId();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ApiId();

    private sealed partial class Reader(ProblemSink sink)
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
            var pagination = map.Has("pagination") ? ReadPagination(map.Mapping("pagination"), responses, operation) : null;
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
            var document = map.String("document");
            if (document.Length > 0 && (Path.IsPathRooted(document) || document.Contains('\\', StringComparison.Ordinal)))
            {
                sink.Report(map.Node("document"), $"document '{document}' must be a path relative to the definition's folder, with '/' separators (e.g. ../sources/<id>.txt)");
            }

            var source = new SourceInfo(document, map.String("page"), map.String("updated_on"), OneOf(map, "language", ["en", "zh"]));
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
