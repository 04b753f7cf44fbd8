using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ApiContracts.OpenApi;

/// <summary>
/// Turns a derived draft-07 schema (contracts/schemas) into Microsoft.OpenApi's schema model, keyword by
/// keyword, so the OpenAPI documents say exactly what the published schemas say. The library then writes
/// each version's dialect (3.0's <c>nullable</c>, 3.1's type arrays). A keyword this mapping does not know
/// stops the generation with its pointer: silently dropping a rule would make the documents laxer than
/// the schemas.
/// </summary>
internal static class SchemaMapper
{
    /// <summary>Maps <paramref name="schema"/>; <paramref name="where"/> names it in messages.</summary>
    public static OpenApiSchema Map(JsonObject schema, string where) => Map(schema, where, "");

    private static OpenApiSchema Map(JsonObject schema, string where, string pointer)
    {
        var result = new OpenApiSchema();
        foreach (var (key, value) in schema)
        {
            var at = $"{pointer}/{key}";
            switch (key)
            {
                // What identifies a standalone schema file means nothing inside a document; a comment is for
                // the schema's readers, and 3.0 has no keyword for it.
                case "$schema" or "$id" when pointer.Length == 0:
                case "$comment":
                    break;
                case "readOnly":
                    result.ReadOnly = Bool(value, where, at);
                    break;
                case "writeOnly":
                    result.WriteOnly = Bool(value, where, at);
                    break;
                case "title":
                    result.Title = Text(value, where, at);
                    break;
                case "description":
                    result.Description = Text(value, where, at);
                    break;
                case "type":
                    result.Type = Type(value, where, at);
                    break;
                case "format":
                    result.Format = Text(value, where, at);
                    break;
                case "pattern":
                    result.Pattern = Text(value, where, at);
                    break;
                case "enum":
                    // A null member stays null: 3.0 readers expect it beside nullable: true.
                    result.Enum = Array(value, where, at).Select(v => v?.DeepClone()!).ToList();
                    break;
                case "const":
                    // 3.0 has no const; a one-value enum means the same in every version.
                    result.Enum = [value?.DeepClone() ?? throw Unmappable(where, at, "const null")];
                    break;
                case "default":
                    result.Default = value?.DeepClone();
                    break;
                case "minimum":
                    result.Minimum = Number(value, where, at);
                    break;
                case "maximum":
                    result.Maximum = Number(value, where, at);
                    break;
                case "exclusiveMinimum":
                    result.ExclusiveMinimum = Number(value, where, at);
                    break;
                case "exclusiveMaximum":
                    result.ExclusiveMaximum = Number(value, where, at);
                    break;
                case "multipleOf":
                    result.MultipleOf = decimal.Parse(Number(value, where, at), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "minLength":
                    result.MinLength = Int(value, where, at);
                    break;
                case "maxLength":
                    result.MaxLength = Int(value, where, at);
                    break;
                case "minItems":
                    result.MinItems = Int(value, where, at);
                    break;
                case "maxItems":
                    result.MaxItems = Int(value, where, at);
                    break;
                case "uniqueItems":
                    result.UniqueItems = Bool(value, where, at);
                    break;
                case "minProperties":
                    result.MinProperties = Int(value, where, at);
                    break;
                case "maxProperties":
                    result.MaxProperties = Int(value, where, at);
                    break;
                case "items":
                    result.Items = Map(Object(value, where, at), where, at);
                    break;
                case "properties":
                    result.Properties = Object(value, where, at).ToDictionary(
                        p => p.Key,
                        p => (IOpenApiSchema)Map(Object(p.Value, where, $"{at}/{p.Key}"), where, $"{at}/{p.Key}"),
                        StringComparer.Ordinal);
                    break;
                case "required":
                    // In the schema's order (a HashSet filled once keeps it), so the documents list fields as the tables do.
                    result.Required = new HashSet<string>(Array(value, where, at).Select(v => Text(v, where, at)), StringComparer.Ordinal);
                    break;
                case "additionalProperties":
                    if (value is JsonObject extra) result.AdditionalProperties = Map(extra, where, at);
                    else if (Bool(value, where, at)) result.AdditionalProperties = new OpenApiSchema();
                    else result.AdditionalPropertiesAllowed = false;
                    // true is written as the empty schema {}: the library leaves a bare true out as the
                    // default, and code generators then type a free-form map as an empty object.
                    break;
                case "allOf":
                    result.AllOf = Schemas(value, where, at);
                    break;
                case "anyOf":
                    result.AnyOf = Schemas(value, where, at);
                    break;
                case "oneOf":
                    result.OneOf = Schemas(value, where, at);
                    break;
                case "not":
                    result.Not = Map(Object(value, where, at), where, at);
                    break;
                case "examples":
                    result.Examples = Array(value, where, at).Select(v => v?.DeepClone() ?? throw Unmappable(where, at, "a null example")).ToList();
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    result.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
                    result.Extensions[extension] = new JsonNodeExtension(value?.DeepClone() ?? throw Unmappable(where, at, "a null extension"));
                    break;
                default:
                    // if/then/else, $ref, dependencies, propertyNames...: a rule the 3.0 documents could not keep
                    // or this mapping does not carry over. Extend the mapping (or the schema) deliberately.
                    throw Unmappable(where, at, $"the keyword '{key}'");
            }
        }

        return result;
    }

    private static InvalidOperationException Unmappable(string where, string pointer, string what) =>
        new($"{where}#{pointer}: the OpenAPI export does not map {what}; extend ApiContracts.OpenApi.SchemaMapper or express the rule with the keywords it maps.");

    private static JsonSchemaType Type(JsonNode? value, string where, string at)
    {
        var names = value is JsonArray list ? list.Select(v => Text(v, where, at)).ToArray() : [Text(value, where, at)];
        JsonSchemaType type = 0;
        foreach (var name in names)
        {
            type |= name switch
            {
                "string" => JsonSchemaType.String,
                "integer" => JsonSchemaType.Integer,
                "number" => JsonSchemaType.Number,
                "boolean" => JsonSchemaType.Boolean,
                "object" => JsonSchemaType.Object,
                "array" => JsonSchemaType.Array,
                "null" => JsonSchemaType.Null,
                _ => throw Unmappable(where, at, $"the type '{name}'"),
            };
        }

        // 3.0 can say "one type, or null" (nullable) but not a union of two real types.
        var real = type & ~JsonSchemaType.Null;
        if (real != 0 && ((int)real & ((int)real - 1)) != 0) throw Unmappable(where, at, "a union of several non-null types");
        return type;
    }

    private static List<IOpenApiSchema> Schemas(JsonNode? value, string where, string at) =>
        Array(value, where, at).Select((s, i) => (IOpenApiSchema)Map(Object(s, where, $"{at}/{i}"), where, $"{at}/{i}")).ToList();

    private static JsonObject Object(JsonNode? value, string where, string at) =>
        value as JsonObject ?? throw Unmappable(where, at, "a non-object schema (boolean schemas included)");

    private static JsonArray Array(JsonNode? value, string where, string at) =>
        value as JsonArray ?? throw Unmappable(where, at, "a value that should be an array");

    private static string Text(JsonNode? value, string where, string at) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Unmappable(where, at, "a value that should be a string");

    private static int Int(JsonNode? value, string where, string at) =>
        value is JsonValue v && v.TryGetValue<int>(out var i) ? i : throw Unmappable(where, at, "a value that should be an integer");

    private static bool Bool(JsonNode? value, string where, string at) =>
        value is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Unmappable(where, at, "a value that should be a boolean");

    private static string Number(JsonNode? value, string where, string at) =>
        value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.ToJsonString() : throw Unmappable(where, at, "a value that should be a number");
}
