using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ApiContracts.Core.Definitions;

/// <summary>
/// Reads one YAML mapping with strict keys: every key read is remembered, and <see cref="Finish"/>
/// reports the ones nobody asked for, so a typo in a definition is an error with its line, never ignored.
/// </summary>
internal sealed class YamlMapping
{
    private readonly YamlMappingNode _node;
    private readonly ProblemSink _sink;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private YamlMapping(YamlMappingNode node, ProblemSink sink)
    {
        _node = node;
        _sink = sink;
    }

    public SourceLocation Location => _sink.At(_node);

    /// <summary>The mapping's keys, in file order (for mappings whose keys are data, such as <c>sources</c>).</summary>
    public IEnumerable<string> Keys => _node.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? k.ToString()).ToList();

    /// <summary>Wraps <paramref name="node"/> when it is a mapping; reports and returns null otherwise.</summary>
    public static YamlMapping? Of(YamlNode? node, ProblemSink sink, string what)
    {
        if (node is YamlMappingNode map) return new YamlMapping(map, sink);
        sink.Report(node, $"{what} must be a mapping of keys to values");
        return null;
    }

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public bool Has(string key)
    {
        _known.Add(key);
        return _node.Children.ContainsKey(new YamlScalarNode(key));
    }

    public string String(string key)
    {
        var value = OptionalString(key);
        if (value is null && !_node.Children.ContainsKey(new YamlScalarNode(key)))
        {
            _sink.Report(_node, $"missing required key '{key}'");
        }

        return value ?? string.Empty;
    }

    public string? OptionalString(string key)
    {
        var node = Node(key);
        if (node is null) return null;
        if (node is YamlScalarNode scalar && !IsNull(scalar)) return scalar.Value ?? string.Empty;
        _sink.Report(node, $"'{key}' must be a text value");
        return null;
    }

    public bool? OptionalBool(string key)
    {
        var text = OptionalScalar(key, out var node);
        if (text is null) return null;
        if (text is "true") return true;
        if (text is "false") return false;
        _sink.Report(node, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public bool Bool(string key)
    {
        if (!Has(key))
        {
            _sink.Report(_node, $"missing required key '{key}' (true or false)");
            return false;
        }

        return OptionalBool(key) ?? false;
    }

    public long? OptionalLong(string key)
    {
        var text = OptionalScalar(key, out var node);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        _sink.Report(node, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    /// <summary>A whole number that must fit in an <see cref="int"/>; reports it otherwise.</summary>
    public int? OptionalInt(string key)
    {
        var value = OptionalLong(key);
        if (value is null or (>= int.MinValue and <= int.MaxValue)) return (int?)value;
        _sink.Report(Node(key), $"'{key}' is {value}, outside the whole numbers allowed ({int.MinValue} to {int.MaxValue})");
        return null;
    }

    public decimal? OptionalDecimal(string key)
    {
        var text = OptionalScalar(key, out var node);
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        _sink.Report(node, $"'{key}' must be a number, not '{text}'");
        return null;
    }

    public int Int(string key)
    {
        if (!Has(key))
        {
            _sink.Report(_node, $"missing required key '{key}' (a whole number)");
            return 0;
        }

        return OptionalInt(key) ?? 0;
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Node(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode seq)
        {
            _sink.Report(node, $"'{key}' must be a list");
            return [];
        }

        var result = new List<string>();
        foreach (var item in seq)
        {
            if (item is YamlScalarNode s && !IsNull(s)) result.Add(s.Value ?? string.Empty);
            else _sink.Report(item, $"each item of '{key}' must be a text value");
        }

        return result;
    }

    public IReadOnlyList<YamlNode> Sequence(string key)
    {
        var node = Node(key);
        if (node is null) return [];
        if (node is YamlSequenceNode seq) return seq.Children.ToList();
        _sink.Report(node, $"'{key}' must be a list");
        return [];
    }

    public YamlMapping? Mapping(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) _sink.Report(_node, $"missing required key '{key}' (a mapping)");
            return null;
        }

        return Of(node, _sink, $"'{key}'");
    }

    /// <summary>Reports every key of the mapping that was never read.</summary>
    public void Finish(string what)
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!_known.Contains(name))
            {
                var allowed = string.Join(", ", _known.Order(StringComparer.Ordinal));
                _sink.Report(key, $"unknown key '{name}' in {what} (allowed: {allowed})");
            }
        }
    }

    private string? OptionalScalar(string key, out YamlNode? node)
    {
        node = Node(key);
        if (node is null) return null;
        if (node is YamlScalarNode scalar && !IsNull(scalar)) return scalar.Value;
        _sink.Report(node, $"'{key}' must be a single value");
        return null;
    }

    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "null" or "~" or "";
}

/// <summary>Collects problems with their file positions.</summary>
internal sealed class ProblemSink(string file, string? text = null)
{
    private string[]? _lines;

    public List<DefinitionProblem> Problems { get; } = [];

    public string File { get; } = file;

    public SourceLocation At(YamlNode? node) =>
        node is null ? new SourceLocation(File, 1, 1) : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Report(YamlNode? node, string message) => Problems.Add(new DefinitionProblem(At(node), message));

    public void Report(SourceLocation at, string message) => Problems.Add(new DefinitionProblem(at, message));

    /// <summary>Line <paramref name="line"/> (1-based) of the file's text; empty when unknown.</summary>
    public string Line(int line)
    {
        _lines ??= text?.ReplaceLineEndings("\n").Split('\n') ?? [];
        return line >= 1 && line <= _lines.Length ? _lines[line - 1] : string.Empty;
    }
}
