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
