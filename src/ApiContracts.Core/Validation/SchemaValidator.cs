using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

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
/// A draft-07 validator: JsonSchema.Net (which passes the official JSON-Schema-Test-Suite) decides, with
/// formats asserted and checked by their RFCs (<see cref="Formats"/>); this class only words the verdict.
/// Each error names the exact pointer and what was expected there: a missing property is reported at the
/// property's own pointer, and a failed conditional rule (<c>anyOf [not condition, consequence]</c>)
/// reports the consequence that was not met and when it applies.
/// </summary>
/// <remarks>The schema is compiled once; <see cref="Validate"/> is safe to call from several threads.</remarks>
public sealed partial class SchemaValidator
{
    // A valid document is answered by the fast flag output; only an invalid one is evaluated again in
    // full, to explain it.
    private static readonly EvaluationOptions Verdict = Options(OutputFormat.Flag);

    private static readonly EvaluationOptions Explanation = Options(OutputFormat.Hierarchical);

    private static readonly Lazy<SchemaValidator> MetaSchemaValidator = new(() => new SchemaValidator(MetaSchema()));

    private readonly JsonNode _root;
    private readonly JsonSchema _schema;

    /// <summary>
    /// Compiles <paramref name="schema"/> (draft-07 unless it names another dialect); local <c>$ref</c>s resolve
    /// against it, and references to other documents against <paramref name="documents"/> (their URIs to their
    /// schemas). Nothing is ever fetched.
    /// </summary>
    /// <exception cref="ArgumentException">When JsonSchema.Net cannot build the schema (an unresolvable reference, a malformed keyword).</exception>
    public SchemaValidator(JsonNode schema, IReadOnlyDictionary<Uri, JsonNode>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _root = schema.DeepClone();
        try
        {
            // A registry of its own: two validators may hold schemas with the same $id.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
            foreach (var (uri, document) in documents ?? new Dictionary<Uri, JsonNode>())
            {
                JsonSchema.Build(JsonSerializer.SerializeToElement(document), options, uri);
            }

            _schema = JsonSchema.Build(JsonSerializer.SerializeToElement(Lean(_root)), options);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or InvalidOperationException or ArgumentException or FormatException or UriFormatException)
        {
            throw new ArgumentException($"the schema cannot be compiled: {ex.Message}", nameof(schema), ex);
        }
    }

    // Formats asserted by our RFC checks; annotations are not collected (draft-07 decides nothing by them).
    private static EvaluationOptions Options(OutputFormat output)
    {
        var options = new EvaluationOptions { OutputFormat = output, RequireFormatValidation = true, FormatRegistry = Formats.Registry };
        options.IgnoreAllAnnotations();
        return options;
    }

    /// <summary>Validates <paramref name="instance"/> (a parsed JSON value; null means JSON null).</summary>
    /// <exception cref="InvalidOperationException">When the schema cannot be evaluated (a <c>$ref</c> that does not resolve).</exception>
    public IReadOnlyList<ValidationError> Validate(JsonNode? instance)
    {
        var element = instance is null ? NullElement : JsonSerializer.SerializeToElement(instance);
        EvaluationResults results;
        try
        {
            if (_schema.Evaluate(element, Verdict).IsValid) return [];
            results = _schema.Evaluate(element, Explanation);
        }
        catch (JsonSchemaException ex)
        {
            throw new InvalidOperationException($"the schema cannot be evaluated: {ex.Message}", ex);
        }

        var errors = new Explainer(_root, instance).Explain(results);

        // Two conditional rules can both find the same property missing; say it once.
        var missing = new HashSet<string>(StringComparer.Ordinal);
        return errors.Where(e => !e.Message.StartsWith(MissingMessage, StringComparison.Ordinal) || missing.Add(e.Pointer)).Distinct().ToList();
    }

    /// <summary>
    /// The problems that keep <paramref name="schema"/> from being a draft-07 schema: what the draft-07
    /// meta-schema rejects, then what JsonSchema.Net cannot compile. Empty when it is one.
    /// </summary>
    public static IReadOnlyList<ValidationError> SchemaProblems(JsonNode? schema)
    {
        var problems = MetaSchemaValidator.Value.Validate(schema);
        if (problems.Count > 0 || schema is null) return problems;
        var references = References.Unresolvable(schema).ToList();
        if (references.Count > 0) return references;
        try
        {
            _ = new SchemaValidator(schema);
            return [];
        }
        catch (ArgumentException ex)
        {
            return [new ValidationError(string.Empty, ex.Message)];
        }
    }

    /// <summary>The draft-07 meta-schema, as published (embedded in this assembly).</summary>
    public static JsonNode MetaSchema()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("ApiContracts.Core.draft-07.schema.json")
            ?? throw new InvalidOperationException("the embedded draft-07 meta-schema is missing from ApiContracts.Core");
        return JsonNode.Parse(stream)!;
    }

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    // Keywords that only annotate: they cost evaluation time (the examples are large) and decide nothing.
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "title", "description", "default", "examples", "$comment" };

    // Keywords whose value is a map from names to subschemas, and those whose value is a subschema or a list of them.
    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "definitions", "dependencies" };
    private static readonly HashSet<string> Subschemas = new(StringComparer.Ordinal)
    {
        "items", "additionalItems", "additionalProperties", "contains", "propertyNames", "if", "then", "else", "not", "allOf", "anyOf", "oneOf",
    };

    // The schema without annotation keywords, compiled in its place. Evaluation paths stay the same (no result
    // ever points at an annotation). A document with a $ref is kept whole: a reference may point anywhere.
    private static JsonNode Lean(JsonNode schema)
    {
        if (schema.ToJsonString().Contains("\"$ref\"", StringComparison.Ordinal)) return schema;
        return Strip(schema)!;

        static JsonNode? Strip(JsonNode? node)
        {
            if (node is not JsonObject o) return node?.DeepClone();
            var lean = new JsonObject();
            foreach (var (key, value) in o)
            {
                if (Annotations.Contains(key)) continue;
                lean[key] = value switch
                {
                    JsonObject map when SchemaMaps.Contains(key) => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is JsonObject ? Strip(kv.Value) : kv.Value?.DeepClone()))),
                    JsonArray list when Subschemas.Contains(key) => new JsonArray(list.Select(Strip).ToArray()),
                    _ when Subschemas.Contains(key) => Strip(value),
                    _ => value?.DeepClone(),
                };
            }

            return lean;
        }
    }
}
