using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ApiContracts.Core.Validation;

// Our wording of JsonSchema.Net's verdict. The library decides; this only walks its hierarchical output
// and says, for each failed keyword, what was expected at which pointer. The schema node of a result is
// found by following its evaluation path through the schema (local $refs included); where that fails,
// the library's own message is used.
public sealed partial class SchemaValidator
{
    private const string MissingMessage = "required property is missing";

    // Keywords whose failure the results of their subschemas explain, so their own error is not repeated.
    // dependencies is not among them: its list form fails without a subschema.
    private static readonly HashSet<string> ExplainedBySubschemas = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "additionalProperties", "items", "additionalItems", "allOf", "anyOf", "oneOf",
        "not", "contains", "if", "then", "else", "$ref", "propertyNames", "definitions",
    };

    private sealed class Explainer(JsonNode root, JsonNode? instance)
    {
        public List<ValidationError> Explain(EvaluationResults results)
        {
            var errors = new List<ValidationError>();
            Walk(results, errors);
            if (errors.Count == 0) errors.Add(new ValidationError(results.InstanceLocation.ToString(), "does not match the schema"));
            return errors;
        }

        private void Walk(EvaluationResults node, List<ValidationError> errors)
        {
            if (node.IsValid) return;
            var before = errors.Count;
            var path = Tokens(node.EvaluationPath.ToString());
            var schema = SchemaAt(path);
            var at = node.InstanceLocation.ToString();
            var value = InstanceAt(at);

            foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            {
                if (ExplainedBySubschemas.Contains(keyword)) continue;
                errors.AddRange(KeywordErrors(keyword, message, schema, path, at, value));
            }

            var children = (node.Details ?? []).GroupBy(child => KeywordOf(child, path.Count)).ToList();
            foreach (var group in children)
            {
                switch (group.Key)
                {
                    case "anyOf" when !group.Any(c => c.IsValid):
                        errors.AddRange(NoMatch(schema, "anyOf", group.ToList(), at, exactlyOne: false));
                        break;
                    case "oneOf":
                        var passing = group.Count(c => c.IsValid);
                        if (passing == 0) errors.AddRange(NoMatch(schema, "oneOf", group.ToList(), at, exactlyOne: true));
                        else if (passing > 1) errors.Add(new(at, $"matches {passing} of the alternatives where exactly one is allowed"));
                        break;
                    case "not" when group.Any(c => c.IsValid):
                        var excluded = Get(schema, "not") is JsonObject no && no["description"] is JsonValue d ? d.GetValue<string>() : "the excluded shape";
                        errors.Add(new(at, $"must not match {excluded}"));
                        break;
                    case "anyOf" or "oneOf" or "not" or "contains" or "if":
                        break;
                    default:
                        // properties, items, allOf, $ref and the like, and any result whose path JsonSchema.Net
                        // words otherwise (a false subschema under items reads /0/items/0): each failed child
                        // explains itself.
                        foreach (var child in group) Walk(child, errors);
                        break;
                }
            }

            // contains leaves no result when the array is empty, so it is judged here.
            if (Get(schema, "contains") is not null && value is JsonArray
                && !children.Where(g => g.Key == "contains").SelectMany(g => g).Any(c => c.IsValid))
            {
                errors.Add(new(at, "no item matches the required item shape"));
            }

            if (errors.Count == before)
            {
                var said = node.Errors is { Count: > 0 } e ? string.Join("; ", e.Values) : "does not match the schema";
                errors.Add(new(at, said));
            }
        }

        // anyOf/oneOf with no passing branch. A conditional rule, anyOf [not condition, consequence], is
        // answered with the consequence's own errors; otherwise the closest branch, if one stands out.
        private IEnumerable<ValidationError> NoMatch(JsonNode? schema, string keyword, List<EvaluationResults> branches, string at, bool exactlyOne)
        {
            var results = branches.Select(b =>
            {
                var list = new List<ValidationError>();
                Walk(b, list);
                return list;
            }).ToList();
            var because = Get(schema, "description") is JsonValue d ? $" ({d.GetValue<string>()})" : string.Empty;
            if (!exactlyOne && Get(schema, keyword) is JsonArray { Count: 2 } rule && rule[0] is JsonObject first && first.Count == 1 && first.ContainsKey("not") && results.Count == 2)
            {
                var when = Get(schema, "x-when") is JsonValue w ? $" when {w.GetValue<string>()}" : because;
                return results[1].Select(e => e with { Message = e.Message + when });
            }

            var fewest = results.Min(r => r.Count);
            var closest = results.Where(r => r.Count == fewest).ToList();
            if (closest.Count > 1)
            {
                // The branch that got deepest into the document before failing is the one meant.
                var deepest = closest.Max(Depth);
                closest = closest.Where(r => Depth(r) == deepest).ToList();
            }

            if (closest.Count == 1) return closest[0];
            return [new ValidationError(at, $"matches none of the {branches.Count} allowed shapes{because}")];
        }

        private static int Depth(List<ValidationError> errors) => errors.Count == 0 ? 0 : errors.Max(e => e.Pointer.Count(c => c == '/'));

        private IEnumerable<ValidationError> KeywordErrors(string keyword, string message, JsonNode? schema, List<string> path, string at, JsonNode? value)
        {
            // The false schema: under additionalProperties it is a member the object does not allow.
            if (keyword.Length == 0)
            {
                if (path.Count > 0 && path[^1] == "additionalProperties")
                {
                    var known = Get(SchemaAt(path[..^1]), "properties") is JsonObject properties && properties.Count > 0 ? string.Join(", ", properties.Select(p => p.Key)) : "none";
                    yield return new(at, $"property is not allowed here (allowed: {known})");
                }
                else
                {
                    yield return new(at, "no value is allowed here");
                }

                yield break;
            }

            var rule = schema is JsonObject o ? o[keyword] : null;
            if (rule is null)
            {
                yield return new(at, message);
                yield break;
            }

            switch (keyword)
            {
                case "required" when value is JsonObject obj && rule is JsonArray names:
                    foreach (var name in names.Select(n => n?.GetValue<string>()).Where(n => n is not null && !obj.ContainsKey(n)))
                    {
                        yield return new(Child(at, name!), MissingMessage);
                    }

                    break;
                case "dependencies" when value is JsonObject obj && rule is JsonObject dependencies:
                    foreach (var (name, needs) in dependencies)
                    {
                        if (!obj.ContainsKey(name) || needs is not JsonArray list) continue;
                        foreach (var need in list.Select(n => n?.GetValue<string>()).Where(n => n is not null && !obj.ContainsKey(n)))
                        {
                            yield return new(Child(at, need!), $"{MissingMessage} when {name} is present");
                        }
                    }

                    break;
                case "type":
                    yield return new(at, $"expected {Describe(rule)}, got {Show(value)}");
                    break;
                case "enum" when rule is JsonArray allowed:
                    yield return new(at, $"{Show(value)} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))}");
                    break;
                case "const":
                    yield return new(at, $"expected {rule.ToJsonString()}, got {Show(value)}");
                    break;
                case "pattern":
                    yield return new(at, $"{Show(value)} does not match the pattern {Text(rule)}");
                    break;
                case "format":
                    yield return new(at, $"{Show(value)} is not a valid {Text(rule)}");
                    break;
                case "minLength":
                    yield return new(at, $"expected at least {rule.ToJsonString()} characters, got {Length(value)}");
                    break;
                case "maxLength":
                    yield return new(at, $"expected at most {rule.ToJsonString()} characters, got {Length(value)}");
                    break;
                case "minimum":
                    yield return new(at, $"expected at least {rule.ToJsonString()}, got {value?.ToJsonString()}");
                    break;
                case "maximum":
                    yield return new(at, $"expected at most {rule.ToJsonString()}, got {value?.ToJsonString()}");
                    break;
                case "exclusiveMinimum":
                    yield return new(at, $"expected more than {rule.ToJsonString()}, got {value?.ToJsonString()}");
                    break;
                case "exclusiveMaximum":
                    yield return new(at, $"expected less than {rule.ToJsonString()}, got {value?.ToJsonString()}");
                    break;
                case "multipleOf":
                    yield return new(at, $"expected a multiple of {rule.ToJsonString()}, got {value?.ToJsonString()}");
                    break;
                case "minItems":
                    yield return new(at, $"expected at least {rule.ToJsonString()} items, got {(value as JsonArray)?.Count}");
                    break;
                case "maxItems":
                    yield return new(at, $"expected at most {rule.ToJsonString()} items, got {(value as JsonArray)?.Count}");
                    break;
                case "minProperties":
                    yield return new(at, $"expected at least {rule.ToJsonString()} properties, got {(value as JsonObject)?.Count}");
                    break;
                case "maxProperties":
                    yield return new(at, $"expected at most {rule.ToJsonString()} properties, got {(value as JsonObject)?.Count}");
                    break;
                case "uniqueItems" when value is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        var first = Enumerable.Range(0, i).FirstOrDefault(j => JsonNode.DeepEquals(items[i], items[j]), -1);
                        if (first >= 0) yield return new(Child(at, i.ToString(CultureInfo.InvariantCulture)), $"duplicates item {first}");
                    }

                    break;
                default:
                    yield return new(at, message);
                    break;
            }
        }

        // The schema node an evaluation path leads to, following local $refs; null when it cannot be followed.
        private JsonNode? SchemaAt(List<string> path)
        {
            JsonNode? node = root;
            foreach (var token in path)
            {
                if (token == "$ref")
                {
                    node = Get(node, "$ref") is JsonValue r && r.GetValueKind() == JsonValueKind.String ? Resolve(r.GetValue<string>()) : null;
                    continue;
                }

                node = node switch
                {
                    JsonObject o => o[token],
                    JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null) return null;
            }

            return node;
        }

        private JsonNode? Resolve(string reference) =>
            reference.StartsWith('#') ? Follow(root, Tokens(Uri.UnescapeDataString(reference[1..]))) : null;

        private JsonNode? InstanceAt(string pointer) => Follow(instance, Tokens(pointer));

        private static JsonNode? Follow(JsonNode? node, List<string> tokens)
        {
            foreach (var token in tokens)
            {
                node = node switch
                {
                    JsonObject o => o[token],
                    JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
            }

            return node;
        }

        private static string KeywordOf(EvaluationResults child, int depth)
        {
            var tokens = Tokens(child.EvaluationPath.ToString());
            return tokens.Count > depth ? tokens[depth] : string.Empty;
        }
    }

    // A member of a schema object; a boolean schema has none.
    private static JsonNode? Get(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;

    // The unescaped tokens of a JSON pointer ("" is the root).
    private static List<string> Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    private static string Child(string at, string name) =>
        $"{at}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    private static string Text(JsonNode rule) => rule is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : rule.ToJsonString();

    private static int Length(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().EnumerateRunes().Count() : 0;

    private static string Describe(JsonNode type) => type switch
    {
        JsonArray any => string.Join(" or ", any.Select(t => t?.ToString())),
        _ => type.ToString(),
    };

    /// <summary>A value in a message: its JSON kind and, for a scalar, its text (shortened).</summary>
    internal static string Show(JsonNode? value)
    {
        var kind = Json.JsonKind.Of(value);
        if (value is JsonValue scalar)
        {
            var text = scalar.ToJsonString();
            if (text.Length > 60) text = string.Concat(text.AsSpan(0, 57), "...");
            return $"{kind} {text}";
        }

        return kind;
    }
}
