using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiContracts.Core.Validation;

/// <summary>One reason a document does not match its schema.</summary>
/// <param name="Pointer">JSON pointer to the offending value (empty for the root).</param>
/// <param name="Message">What was expected there.</param>
public sealed record ValidationError(string Pointer, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Pointer.Length == 0 ? "(root)" : Pointer)}: {Message}";
}

/// <summary>
/// A draft-07 validator for the keywords this toolkit emits and the meta-schema uses, with strict
/// formats (NJsonSchema is lenient about date-time) and errors that name the exact pointer:
/// a missing property is reported at the property's own pointer, and a failed conditional rule
/// (<c>anyOf [not condition, consequence]</c>) reports the consequence that was not met.
/// </summary>
public sealed partial class SchemaValidator
{
    private const string MissingMessage = "required property is missing";
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private readonly JsonNode _root;

    /// <summary>Creates a validator for <paramref name="schema"/>; local <c>$ref</c>s resolve against it.</summary>
    public SchemaValidator(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _root = schema;
    }

    /// <summary>Validates <paramref name="instance"/> (a parsed JSON value; null means JSON null).</summary>
    public IReadOnlyList<ValidationError> Validate(JsonNode? instance)
    {
        var errors = new List<ValidationError>();
        Check(_root, instance, string.Empty, errors);

        // Two conditional rules can both find the same property missing; say it once.
        var missing = new HashSet<string>(StringComparer.Ordinal);
        return errors.Where(e => !e.Message.StartsWith(MissingMessage, StringComparison.Ordinal) || missing.Add(e.Pointer)).ToList();
    }

    private void Check(JsonNode? schema, JsonNode? value, string at, List<ValidationError> errors)
    {
        switch (schema)
        {
            case JsonValue b when b.GetValueKind() == JsonValueKind.True:
                return;
            case JsonValue b when b.GetValueKind() == JsonValueKind.False:
                errors.Add(new(at, "no value is allowed here"));
                return;
            case not JsonObject:
                return;
        }

        var s = (JsonObject)schema;
        if (s["$ref"] is JsonValue r)
        {
            Check(Resolve(r.GetValue<string>()), value, at, errors);
            return;
        }

        if (s["type"] is { } type && !TypeMatches(type, value))
        {
            errors.Add(new(at, $"expected {Describe(type)}, got {Show(value)}"));
            return;
        }

        if (s["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(new(at, $"{Show(value)} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))}"));
        }

        if (s["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            errors.Add(new(at, $"expected {constant.ToJsonString()}, got {Show(value)}"));
        }

        switch (value)
        {
            case JsonObject o:
                CheckObject(s, o, at, errors);
                break;
            case JsonArray a:
                CheckArray(s, a, at, errors);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                CheckString(s, v.GetValue<string>(), at, errors);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                CheckNumber(s, v, at, errors);
                break;
        }

        CheckCombinators(s, value, at, errors);
    }

    private void CheckObject(JsonObject s, JsonObject o, string at, List<ValidationError> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(n => n!.GetValue<string>()))
            {
                if (!o.ContainsKey(name)) errors.Add(new(Child(at, name), MissingMessage));
            }
        }

        var properties = s["properties"] as JsonObject;
        var patternProperties = s["patternProperties"] as JsonObject;
        foreach (var (name, member) in o)
        {
            var matched = false;
            if (properties?[name] is { } ps || properties?.ContainsKey(name) == true)
            {
                matched = true;
                Check(properties![name], member, Child(at, name), errors);
            }

            if (patternProperties is not null)
            {
                foreach (var (pattern, pschema) in patternProperties)
                {
                    if (!Pattern(pattern).IsMatch(name)) continue;
                    matched = true;
                    Check(pschema, member, Child(at, name), errors);
                }
            }

            if (matched) continue;
            switch (s["additionalProperties"])
            {
                case JsonValue f when f.GetValueKind() == JsonValueKind.False:
                    var known = properties is null ? "none" : string.Join(", ", properties.Select(p => p.Key));
                    errors.Add(new(Child(at, name), $"property is not allowed here (allowed: {known})"));
                    break;
                case JsonObject extra:
                    Check(extra, member, Child(at, name), errors);
                    break;
            }
        }

        if (s["propertyNames"] is { } names)
        {
            foreach (var (name, _) in o) Check(names, JsonValue.Create(name), Child(at, name), errors);
        }

        if (s["minProperties"] is JsonValue minP && o.Count < minP.GetValue<int>()) errors.Add(new(at, $"expected at least {minP} properties, got {o.Count}"));
        if (s["maxProperties"] is JsonValue maxP && o.Count > maxP.GetValue<int>()) errors.Add(new(at, $"expected at most {maxP} properties, got {o.Count}"));
    }

    private void CheckArray(JsonObject s, JsonArray a, string at, List<ValidationError> errors)
    {
        switch (s["items"])
        {
            case JsonArray tuple:
                for (var i = 0; i < a.Count; i++)
                {
                    var itemSchema = i < tuple.Count ? tuple[i] : s["additionalItems"];
                    if (itemSchema is not null) Check(itemSchema, a[i], Child(at, i.ToString(CultureInfo.InvariantCulture)), errors);
                }

                break;
            case { } items:
                for (var i = 0; i < a.Count; i++) Check(items, a[i], Child(at, i.ToString(CultureInfo.InvariantCulture)), errors);
                break;
        }

        // maxItems: 0 is a real bound here (NJsonSchema reads it as unset).
        if (s["minItems"] is JsonValue min && a.Count < min.GetValue<int>()) errors.Add(new(at, $"expected at least {min} items, got {a.Count}"));
        if (s["maxItems"] is JsonValue max && a.Count > max.GetValue<int>()) errors.Add(new(at, $"expected at most {max} items, got {a.Count}"));
        if (s["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.True)
        {
            for (var i = 0; i < a.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(a[i], a[j])) errors.Add(new(Child(at, i.ToString(CultureInfo.InvariantCulture)), $"duplicates item {j}"));
                }
            }
        }

        if (s["contains"] is { } contains && !a.Any(item => Passes(contains, item)))
        {
            errors.Add(new(at, "no item matches the required item shape"));
        }
    }

    private static void CheckString(JsonObject s, string text, string at, List<ValidationError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (s["minLength"] is JsonValue min && length < min.GetValue<int>()) errors.Add(new(at, $"expected at least {min} characters, got {length}"));
        if (s["maxLength"] is JsonValue max && length > max.GetValue<int>()) errors.Add(new(at, $"expected at most {max} characters, got {length}"));
        if (s["pattern"] is JsonValue p && !Pattern(p.GetValue<string>()).IsMatch(text))
        {
            errors.Add(new(at, $"{Show(JsonValue.Create(text))} does not match the pattern {p.GetValue<string>()}"));
        }

        if (s["format"] is JsonValue f && !Formats.IsValid(f.GetValue<string>(), text))
        {
            errors.Add(new(at, $"{Show(JsonValue.Create(text))} is not a valid {f.GetValue<string>()}"));
        }
    }

    private static void CheckNumber(JsonObject s, JsonValue v, string at, List<ValidationError> errors)
    {
        var n = Number(v);
        if (s["minimum"] is JsonValue min && n < Number(min)) errors.Add(new(at, $"expected at least {min.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["maximum"] is JsonValue max && n > Number(max)) errors.Add(new(at, $"expected at most {max.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["exclusiveMinimum"] is JsonValue emin && n <= Number(emin)) errors.Add(new(at, $"expected more than {emin.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["exclusiveMaximum"] is JsonValue emax && n >= Number(emax)) errors.Add(new(at, $"expected less than {emax.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["multipleOf"] is JsonValue m && Number(m) is var divisor && divisor > 0 && Math.IEEERemainder(n, divisor) is var rest && Math.Abs(rest) > 1e-9)
        {
            errors.Add(new(at, $"expected a multiple of {m.ToJsonString()}, got {v.ToJsonString()}"));
        }
    }

    private void CheckCombinators(JsonObject s, JsonNode? value, string at, List<ValidationError> errors)
    {
        if (s["allOf"] is JsonArray all)
        {
            foreach (var branch in all) Check(branch, value, at, errors);
        }

        if (s["anyOf"] is JsonArray any)
        {
            var results = any.Select(b => Errors(b, value, at)).ToList();
            if (results.All(r => r.Count > 0)) errors.AddRange(ExplainNoMatch(s, any, results, at));
        }

        if (s["oneOf"] is JsonArray one)
        {
            var results = one.Select(b => Errors(b, value, at)).ToList();
            var passing = results.Count(r => r.Count == 0);
            if (passing == 0) errors.AddRange(ExplainNoMatch(s, one, results, at));
            else if (passing > 1) errors.Add(new(at, $"matches {passing} of the alternatives where exactly one is allowed"));
        }

        if (s["not"] is { } not && Passes(not, value))
        {
            errors.Add(new(at, $"must not match {(not is JsonObject no && no["description"] is JsonValue d ? d.GetValue<string>() : "the excluded shape")}"));
        }
    }

    // A conditional rule is anyOf [not condition, consequence]: when the condition holds, the
    // consequence's own errors are the answer. Otherwise report the closest alternative, if one is.
    private static IEnumerable<ValidationError> ExplainNoMatch(JsonObject s, JsonArray branches, List<List<ValidationError>> results, string at)
    {
        var because = s["description"] is JsonValue d ? $" ({d.GetValue<string>()})" : string.Empty;
        if (branches.Count == 2 && branches[0] is JsonObject first && first.ContainsKey("not") && first.Count == 1)
        {
            var when = s["x-when"] is JsonValue w ? $" when {w.GetValue<string>()}" : because;
            return results[1].Select(e => e with { Message = e.Message + when });
        }

        var fewest = results.Min(r => r.Count);
        var closest = results.Where(r => r.Count == fewest).ToList();
        if (closest.Count == 1) return closest[0];
        return [new ValidationError(at, $"matches none of the {branches.Count} allowed shapes{because}")];
    }

    private List<ValidationError> Errors(JsonNode? schema, JsonNode? value, string at)
    {
        var list = new List<ValidationError>();
        Check(schema, value, at, list);
        return list;
    }

    private bool Passes(JsonNode? schema, JsonNode? value) => Errors(schema, value, string.Empty).Count == 0;

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith('#')) throw new InvalidOperationException($"$ref '{reference}' is not local; only '#...' references are supported");
        JsonNode? node = _root;
        foreach (var token in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, CultureInfo.InvariantCulture, out var i) => a[i],
                _ => null,
            };
        }

        return node ?? throw new InvalidOperationException($"$ref '{reference}' does not resolve");
    }

    private static bool TypeMatches(JsonNode type, JsonNode? value) => type switch
    {
        JsonArray any => any.Any(t => IsType(t!.GetValue<string>(), value)),
        _ => IsType(type.GetValue<string>(), value),
    };

    private static bool IsType(string type, JsonNode? value) => (type, value) switch
    {
        ("null", null) => true,
        ("object", JsonObject) => true,
        ("array", JsonArray) => true,
        ("string", JsonValue v) => v.GetValueKind() == JsonValueKind.String,
        ("boolean", JsonValue v) => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        ("number", JsonValue v) => v.GetValueKind() == JsonValueKind.Number,
        ("integer", JsonValue v) => v.GetValueKind() == JsonValueKind.Number && IsWhole(v),
        _ => false,
    };

    private static bool IsWhole(JsonValue v)
    {
        var text = v.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return decimal.Truncate(d) == d;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Floor(x) == x;
    }

    private static double Number(JsonValue v) => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Describe(JsonNode type) => type switch
    {
        JsonArray any => string.Join(" or ", any.Select(t => t!.GetValue<string>())),
        _ => type.GetValue<string>(),
    };

    internal static string Show(JsonNode? value)
    {
        var kind = value switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => IsWhole(v) ? "integer" : "number",
                _ => "boolean",
            },
            _ => "value",
        };
        if (value is JsonValue scalar)
        {
            var text = scalar.ToJsonString();
            if (text.Length > 60) text = string.Concat(text.AsSpan(0, 57), "...");
            return $"{kind} {text}";
        }

        return kind;
    }

    private static string Child(string at, string name) =>
        $"{at}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    private static Regex Pattern(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(p, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    });
}
