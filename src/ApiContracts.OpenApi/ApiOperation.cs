using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using Microsoft.OpenApi;

namespace ApiContracts.OpenApi;

/// <summary>
/// The operation of one API. Parameters, bodies and responses are read from the API's derived schemas
/// (the files under contracts/schemas), never restated, so a change to the schema derivation reaches the
/// documents on the next generation. Bodies become named components (what code generators name types after).
/// </summary>
internal sealed class ApiOperation(ContractCatalog catalog, ApiDefinition api, OpenApiDocument document, IDictionary<string, IOpenApiSchema> components)
{
    private const string Json = "application/json";

    // Root keys of a parameter part's schema that the parameters carry over (or that mean nothing there).
    private static readonly HashSet<string> ParameterRootKeys = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "type", "properties", "required", "additionalProperties", "examples",
    };

    private readonly string _typeName = string.Concat(api.Id.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public OpenApiOperation Build()
    {
        var operation = new OpenApiOperation
        {
            OperationId = api.Id,
            Summary = api.Title,
            Description = $"{api.Summary}\n\nSource: {api.Source.Page} (updated on {api.Source.UpdatedOn}).",
            Tags = new HashSet<OpenApiTagReference> { new(api.Id, document) },
            Parameters = Parameters(),
            RequestBody = RequestBody(),
            Responses = Responses(),
            Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
            {
                ["x-apicontracts-source"] = Extension(new JsonObject
                {
                    ["document"] = System.IO.Path.GetRelativePath(".", System.IO.Path.Combine("contracts/apis", api.Source.Document)).Replace('\\', '/'),
                    ["page"] = api.Source.Page,
                    ["updated_on"] = api.Source.UpdatedOn,
                    ["language"] = api.Source.Language,
                    ["documented_statuses"] = new JsonArray(api.Operation.DocumentedStatuses.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                }),
                ["x-apicontracts-assumptions"] = Extension(new JsonArray(api.Assumptions.Select(a => (JsonNode?)new JsonObject
                {
                    ["id"] = a.Id,
                    ["about"] = a.About,
                    ["text"] = a.Text,
                }).ToArray())),
            },
        };
        return operation;
    }

    private static JsonNodeExtension Extension(JsonNode node) => new(node);

    private string Where(string part) => $"contracts/schemas/{api.Id}/{part}.schema.json";

    private JsonObject? Schema(string part) => (JsonObject?)catalog.Schema(api.Id, part)?.Schema.DeepClone();

    // One parameter per row of the path, query and header tables; the credential header is the security
    // scheme's, not a parameter (OpenAPI tools take it from there).
    private List<IOpenApiParameter> Parameters()
    {
        var parameters = new List<IOpenApiParameter>();
        foreach (var (part, location) in new[] { ("request.path", ParameterLocation.Path), ("request.query", ParameterLocation.Query), ("request.headers", ParameterLocation.Header) })
        {
            if (Schema(part) is not { } schema) continue;
            var rule = schema.Select(kv => kv.Key).FirstOrDefault(k => !ParameterRootKeys.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal));
            if (rule is not null)
            {
                throw new InvalidOperationException($"{Where(part)}#/{rule}: a rule across several parameters cannot be written as OpenAPI parameters; the export maps one schema per parameter.");
            }

            var required = (schema["required"] as JsonArray)?.Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var (name, node) in (JsonObject?)schema["properties"] ?? [])
            {
                if (location == ParameterLocation.Header && string.Equals(name, api.Auth.Header, StringComparison.OrdinalIgnoreCase)) continue;
                var property = (JsonObject)node!;
                var description = property["description"]?.GetValue<string>();
                property.Remove("description");
                parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = location,
                    Required = location == ParameterLocation.Path || required.Contains(name),
                    Description = description,
                    Schema = SchemaMapper.Map(property, $"{Where(part)}#/properties/{name}"),
                });
            }
        }

        return parameters;
    }

    private OpenApiRequestBody? RequestBody()
    {
        if (Schema("request.body") is not { } schema) return null;
        var name = Component($"{_typeName}Request", Body(schema), "request.body");
        return new OpenApiRequestBody
        {
            Description = $"The JSON body ({api.Request.Body!.Caption} of the page).",
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                [Json] = new OpenApiMediaType { Schema = Reference(name), Examples = Examples(api.Request.Body.Examples) },
            },
        };
    }

    private OpenApiResponses Responses()
    {
        var responses = new OpenApiResponses();
        var errorBodies = new List<(JsonObject Body, string Name)>();
        foreach (var response in api.Responses.OrderBy(r => r.Status))
        {
            var part = $"response.{response.Status}";
            var body = Body(Schema(part) ?? throw new InvalidOperationException($"{api.File}: no schema {part} was derived"));
            string name;
            IEnumerable<(string Key, OpenApiExample Example)> examples;
            if (response.IsError)
            {
                // Every error status carries the API's error body: one component, unless a status's body differs.
                body.Remove("description");
                var shared = errorBodies.FirstOrDefault(e => JsonNode.DeepEquals(e.Body, body)).Name;
                name = shared ?? Component(errorBodies.Count == 0 ? $"{_typeName}Error" : $"{_typeName}Error{response.Status}", body, part, api.Errors.Description);
                if (shared is null) errorBodies.Add((body, name));
                examples = ErrorExamples(response);
            }
            else
            {
                name = Component(response.Status == api.Operation.SuccessStatus ? $"{_typeName}Response" : $"{_typeName}Response{response.Status}", body, part);
                examples = Named(response.Examples);
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Json] = new OpenApiMediaType { Schema = Reference(name), Examples = Dictionary(examples) },
                },
            };
        }

        return responses;
    }

    // The answer apicontracts serve gives for the status (its message is the status's description), then
    // the page's own error examples.
    private IEnumerable<(string Key, OpenApiExample Example)> ErrorExamples(ResponseInfo response)
    {
        var answered = ErrorBodies.Build(api, response.Status, response.Description);
        yield return ("stub", new OpenApiExample { Summary = "What apicontracts serve answers", Value = answered });
        foreach (var named in Named(response.Examples.Concat(api.Errors.Examples))) yield return named;
    }

    private static IEnumerable<(string Key, OpenApiExample Example)> Named(IEnumerable<ExamplePayload> examples) =>
        examples.Select(e => (e.Name, new OpenApiExample { Summary = e.Description, Value = JsonNode.Parse(e.Json) }));

    private static Dictionary<string, IOpenApiExample>? Examples(IEnumerable<ExamplePayload> examples) => Dictionary(Named(examples));

    private static Dictionary<string, IOpenApiExample>? Dictionary(IEnumerable<(string Key, OpenApiExample Example)> examples)
    {
        var result = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        foreach (var (key, example) in examples)
        {
            // Names are unique per media type; a repeated one gets the next free number.
            var unique = key;
            for (var i = 2; result.ContainsKey(unique); i++) unique = $"{key}-{i}";
            result[unique] = example;
        }

        return result.Count > 0 ? result : null;
    }

    // A body schema as a component: what identifies the standalone file goes (the component's name
    // replaces its title), and its examples move to the media type, where they are named and described.
    private static JsonObject Body(JsonObject schema)
    {
        foreach (var key in new[] { "$schema", "$id", "$comment", "title", "examples" }) schema.Remove(key);
        return schema;
    }

    private string Component(string name, JsonObject body, string part, string? description = null)
    {
        if (components.ContainsKey(name)) throw new InvalidOperationException($"{api.File}: the component {name} is generated twice");
        var schema = SchemaMapper.Map(body, Where(part));
        if (description is not null) schema.Description = description;
        components[name] = schema;
        return name;
    }

    private OpenApiSchemaReference Reference(string name) => new(name, document);
}
