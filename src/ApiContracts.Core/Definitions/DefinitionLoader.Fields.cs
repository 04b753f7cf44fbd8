using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ApiContracts.Core.Definitions;

// Tables, rows, constraints and typed values.
public static partial class DefinitionLoader
{
    private sealed partial class Reader
    {
        private FieldTable? ReadTable(YamlMapping? map, string what, bool requireMandatory)
        {
            if (map is null) return null;
            var caption = map.String("table");
            var fields = ReadFields(map, what, requireMandatory);
            var examples = ReadExamples(map, "examples");
            var sources = ReadSources(map, what);
            map.Finish(what);
            return new FieldTable(caption, fields, examples) { Sources = sources };
        }

        // inItems: the table belongs to an array's items, at any depth.
        private List<FieldDef> ReadFields(YamlMapping map, string what, bool requireMandatory, bool inItems = false)
        {
            var fields = new List<FieldDef>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (!map.Has("fields")) sink.Report(map.Location, $"{what}: missing required key 'fields'");
            foreach (var node in map.Sequence("fields"))
            {
                var field = ReadField(YamlMapping.Of(node, sink, $"a row of {what}"), what, named: true, requireMandatory, inItems);
                if (field is null) continue;
                if (!names.Add(field.Name)) sink.Report(field.Location, $"{what}: the row '{field.Name}' appears twice");
                fields.Add(field);
            }

            return fields;
        }

        private FieldDef? ReadField(YamlMapping? map, string what, bool named, bool requireMandatory, bool inItems)
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
                Origin = map.Has("origin") ? OneOf(map, "origin", ["table", "example", "assumption"]) : "table",
                Nullable = map.OptionalBool("nullable") ?? false,
                Enum = ReadValues(map.Node("enum"), type, where, "enum"),
                Default = map.Node("default") is { } d ? ReadValue(d, type, where, "default") : null,
                Minimum = map.OptionalDecimal("minimum"),
                Maximum = map.OptionalDecimal("maximum"),
                MinLength = map.OptionalInt("min_length"),
                MaxLength = map.OptionalInt("max_length"),
                MinItems = map.OptionalInt("min_items"),
                MaxItems = map.OptionalInt("max_items"),
                Pattern = ReadPattern(map, where),
                Format = map.Has("format") ? OneOf(map, "format", Formats) : null,
                Hint = map.OptionalString("hint"),
                DocExample = map.OptionalString("doc_example"),
                DocText = map.OptionalString("doc_text"),
                AdditionalProperties = map.OptionalBool("additional_properties") ?? false,
                RequiredWhen = ReadRequiredWhen(map.Mapping("required_when")),
                Assumptions = ReadAssumptionRefs(map),
                Sources = ReadSources(map, where),
            };

            // The schema states required_when rules on the top-level object; it cannot state one
            // for each element of an array.
            if (inItems && constraints.RequiredWhen is not null)
            {
                sink.Report(map.Node("required_when"), $"{where}: 'required_when' is not allowed inside array items (the schema cannot enforce it there)");
            }

            FieldDef? items = null;
            if (map.Node("items") is { } itemsNode)
            {
                if (type != FieldType.Array) sink.Report(itemsNode, $"{where}: 'items' is only allowed on arrays");
                items = ReadField(YamlMapping.Of(itemsNode, sink, $"{where} items"), where, named: false, requireMandatory: false, inItems: true);
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
                nested = new FieldTable(caption, ReadFields(map, where, requireMandatory, inItems), []);
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
                _ = new Regex(pattern, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                sink.Report(map.Node("pattern"), $"{where}: the pattern is not a valid ECMA-262 regular expression: {ex.Message}");
            }

            if (NotPortable(pattern) is { } problem) sink.Report(map.Node("pattern"), $"{where}: the pattern {problem}");
            return pattern;
        }

        // Patterns go to .NET, JavaScript and the Pact engine's Rust regex alike; these constructs mean
        // something different (or nothing) in one of them.
        private static string? NotPortable(string pattern)
        {
            for (var i = 0; i < pattern.Length; i++)
            {
                switch (pattern[i])
                {
                    case '\\' when i + 1 < pattern.Length:
                        var escaped = pattern[++i];
                        if ("dDwWsSbB".Contains(escaped, StringComparison.Ordinal))
                        {
                            return $"uses \\{escaped}, whose meaning differs between .NET and JavaScript regexes (Unicode or ASCII); write a class such as [0-9]";
                        }

                        break;
                    case '$' when i != pattern.Length - 1:
                        return "uses $ before its end; $ may only end the pattern (it is anchored to the whole value)";
                    case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] is '=' or '!' or '<':
                        return "uses a lookaround or named group, which the Pact engine's regex does not support";
                }
            }

            return null;
        }

        // sources: {kind: page | A<n>}: where the row's (or table's) constraints come from.
        private Dictionary<string, string> ReadSources(YamlMapping map, string where)
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            if (map.Mapping("sources") is not { } s) return sources;
            foreach (var kind in s.Keys)
            {
                var source = s.String(kind);
                if (!ConstraintSources.Kinds.Contains(kind, StringComparer.Ordinal))
                {
                    sink.Report(s.Node(kind), $"{where}: sources names '{kind}', which is not a kind of constraint (allowed: {string.Join(", ", ConstraintSources.Kinds)})");
                }
                else if (source != ConstraintSources.Page && !AssumptionId().IsMatch(source))
                {
                    sink.Report(s.Node(kind), $"{where}: the source of '{kind}' is '{source}' (allowed: page or an assumption id such as A3)");
                }
                else
                {
                    if (source != ConstraintSources.Page) _references.Add((source, s.Location));
                    sources[kind] = source;
                }
            }

            s.Finish($"{where} sources");
            return sources;
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
    }
}
