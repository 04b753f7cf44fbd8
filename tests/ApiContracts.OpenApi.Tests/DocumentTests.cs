using System.Text.Json.Nodes;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Generation;
using ApiContracts.Core.Tests;
using Microsoft.OpenApi;

namespace ApiContracts.OpenApi.Tests;

/// <summary>What the generated documents hold, checked against the definitions and the published schemas.</summary>
public sealed class DocumentTests
{
    [Fact]
    public void CommittedDocuments_MatchTheDefinitions()
    {
        var set = new ArtifactSet();
        OpenApiArtifacts.AddTo(set, Repo.Catalog);

        Assert.Empty(set.Diff(Repo.Root));
        Assert.Equal(7, set.Files.Count);
        Assert.Contains("contracts/openapi/servicestage.openapi.3.0.json", set.Files.Keys);
    }

    [Fact]
    public void Generate_Twice_IsByteIdentical()
    {
        var first = new ArtifactSet();
        var second = new ArtifactSet();
        OpenApiArtifacts.AddTo(first, Repo.Catalog);
        OpenApiArtifacts.AddTo(second, Repo.Catalog);

        Assert.Equal(first.Files, second.Files);
        Assert.All(first.Files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)), f => Assert.EndsWith("}\n", f.Value, StringComparison.Ordinal));
        Assert.All(first.Files.Values, text => Assert.DoesNotContain('\r', text));
    }

    [Theory]
    [MemberData(nameof(Documents.All), MemberType = typeof(Documents))]
    public void Document_ReadsBackWithMicrosoftOpenApi_WithoutDiagnostics(string provider, string version)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(Documents.Text(provider, version), "json");

        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.Errors.Count == 0, string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(diagnostic.Warnings.Count == 0, string.Join("\n", diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(version == "3.1" ? OpenApiSpecVersion.OpenApi3_1 : OpenApiSpecVersion.OpenApi3_0, diagnostic.SpecificationVersion);
        Assert.Equal(version == "3.1" ? "3.1.2" : "3.0.4", Documents.Json(provider, version)["openapi"]!.GetValue<string>());
        var operations = document.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).Order(StringComparer.Ordinal);
        Assert.Equal(Repo.Catalog.Apis.Where(a => a.Provider == provider).Select(a => a.Id).Order(StringComparer.Ordinal), operations);
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public void Operation_HasTheApiIdSecurityAndEveryAnsweredStatus(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var document = Documents.Json(api.Provider, version);
        var operation = Documents.Operation(api, version);

        Assert.Equal(api.Id, operation["operationId"]!.GetValue<string>());
        Assert.Equal(api.Title, operation["summary"]!.GetValue<string>());
        var requirement = Assert.Single(operation["security"]!.AsArray())!.AsObject();
        Assert.Equal(api.Auth.Header, Assert.Single(requirement).Key);
        var scheme = document["components"]!["securitySchemes"]![api.Auth.Header]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal(api.Auth.Header, scheme["name"]!.GetValue<string>());
        var statuses = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(api.Responses.Select(r => r.Status).Order(), statuses);
        Assert.Equal(api.Operation.Method == "POST", operation.ContainsKey("requestBody"));
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public void Parameters_AreEveryTableRow_WithDefaultEnumAndBounds(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var parameters = Documents.Operation(api, version)["parameters"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var expected = new List<(string In, Core.Definitions.FieldDef Row)>();
        foreach (var (part, table) in api.Request.Parts())
        {
            var location = part switch
            {
                Core.Definitions.RequestPart.Path => "path",
                Core.Definitions.RequestPart.Query => "query",
                Core.Definitions.RequestPart.Headers => "header",
                _ => null,
            };
            if (location is null) continue;
            // The credential header is the security scheme's.
            expected.AddRange(table.Fields.Where(f => location != "header" || f.Name != api.Auth.Header).Select(f => (location, f)));
        }

        Assert.Equal(expected.Select(e => $"{e.In}:{e.Row.Name}"), parameters.Select(p => $"{p["in"]}:{p["name"]}"));
        foreach (var ((location, row), parameter) in expected.Zip(parameters))
        {
            var schema = parameter["schema"]!;
            var c = row.Constraints;
            Assert.Equal(row.Mandatory || location == "path", parameter["required"]?.GetValue<bool>() ?? false);
            Assert.Equal(row.Description, parameter["description"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(c.Default, schema["default"]), $"{row.Name}: default {schema["default"]}");
            Assert.True(JsonNode.DeepEquals(c.Enum is null ? null : new JsonArray(c.Enum.Select(v => v.DeepClone()).ToArray()), schema["enum"]), $"{row.Name}: enum");
            Assert.Equal(c.Minimum, schema["minimum"]?.GetValue<decimal>());
            Assert.Equal(c.Maximum, schema["maximum"]?.GetValue<decimal>());
            Assert.Equal(c.MinLength, schema["minLength"]?.GetValue<int>());
            Assert.Equal(c.Pattern, schema["pattern"]?.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public void Schemas_AreThePublishedSchemas(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var document = Documents.Json(api.Provider, version);
        var operation = Documents.Operation(api, version);
        var expect = version == "3.0" ? As30 : (Func<JsonObject, JsonObject>)(s => s);

        foreach (var response in api.Responses)
        {
            var media = operation["responses"]![response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/json"]!;
            var component = Documents.Resolve(document, media["schema"]).DeepClone().AsObject();
            var published = Documents.Published(api.Id, $"response.{response.Status}", response.IsError ? ["description"] : []);
            if (response.IsError) Assert.Equal(api.Errors.Description, component["description"]!.GetValue<string>());
            if (response.IsError) component.Remove("description");
            AssertSame(expect(published), component, $"{api.Id} response {response.Status}");
        }

        if (api.Request.Body is not null)
        {
            var media = operation["requestBody"]!["content"]!["application/json"]!;
            AssertSame(expect(Documents.Published(api.Id, "request.body")), Documents.Resolve(document, media["schema"]), $"{api.Id} request body");
        }

        foreach (var parameter in operation["parameters"]!.AsArray())
        {
            var part = parameter!["in"]!.GetValue<string>() switch { "path" => "request.path", "query" => "request.query", _ => "request.headers" };
            var property = Documents.Published(api.Id, part)["properties"]![parameter["name"]!.GetValue<string>()]!.DeepClone().AsObject();
            property.Remove("description");
            AssertSame(expect(property), parameter["schema"]!.AsObject(), $"{api.Id} parameter {parameter["name"]}");
        }
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public void Examples_AreTheDefinitionsExamples_AndErrorsShowTheStubsAnswer(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var operation = Documents.Operation(api, version);

        foreach (var response in api.Responses)
        {
            var examples = operation["responses"]![response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/json"]!["examples"]!.AsObject();
            var documented = response.Examples.Concat(response.IsError ? api.Errors.Examples : []).Select(e => JsonNode.Parse(e.Json)).ToList();
            var values = examples.Select(e => e.Value!["value"]).ToList();
            Assert.All(documented, d => Assert.Contains(values, v => JsonNode.DeepEquals(d, v)));
            if (response.IsError)
            {
                Assert.True(JsonNode.DeepEquals(ErrorBodies.Build(api, response.Status, response.Description), examples["stub"]!["value"]), $"{api.Id} {response.Status}");
            }
            else
            {
                Assert.Equal(documented.Count, values.Count);
            }
        }

        if (api.Request.Body is { } body)
        {
            var values = operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject().Select(e => e.Value!["value"]);
            Assert.Equal(body.Examples.Select(e => JsonNode.Parse(e.Json)!.ToJsonString()), values.Select(v => v!.ToJsonString()));
        }
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public void Assumptions_AndSource_AreCarriedAsExtensions(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var operation = Documents.Operation(api, version);

        var assumptions = operation["x-apicontracts-assumptions"]!.AsArray();
        Assert.Equal(api.Assumptions.Select(a => $"{a.Id}|{a.About}|{a.Text}"), assumptions.Select(a => $"{a!["id"]}|{a["about"]}|{a["text"]}"));
        Assert.Equal($"contracts/sources/{api.Id}.txt", operation["x-apicontracts-source"]!["document"]!.GetValue<string>());
        Assert.Equal(api.Operation.DocumentedStatuses, operation["x-apicontracts-source"]!["documented_statuses"]!.AsArray().Select(s => s!.GetValue<int>()));
    }

    [Fact]
    public void Version30_KeepsTheConditionalRules_WithAnyOfAndNot_AndNoIfThenElse()
    {
        var document = Documents.Json("servicestage", "3.0");
        var request = document["components"]!["schemas"]!["ServicestageInstanceActionRequest"]!;
        var rules = request["allOf"]!.AsArray();

        Assert.Equal(3, rules.Count);
        Assert.All(rules, r => Assert.NotNull(r!["anyOf"]![0]!["not"]));
        foreach (var provider in Documents.Providers)
        {
            var keys = Keys(Documents.Json(provider, "3.0")).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain("if", keys);
            Assert.DoesNotContain("then", keys);
            Assert.DoesNotContain("else", keys);
            Assert.DoesNotContain("const", keys);
            Assert.DoesNotContain("examples", Keys(Documents.Json(provider, "3.0")["components"]!));
        }

        var description = Documents.Json("evs", "3.0")["components"]!["schemas"]!["EvsSnapshotsDetailResponse"]!["properties"]!["snapshots"]!["items"]!["properties"]!["description"]!;
        Assert.Equal("string", description["type"]!.GetValue<string>());
        Assert.True(description["nullable"]!.GetValue<bool>());
    }

    [Fact]
    public void Servers_AreTheStub_ThenTheHostTemplateWithItsVariable()
    {
        var evs = Documents.Json("evs", "3.1")["servers"]!.AsArray();
        var dsw = Documents.Json("pai-dsw", "3.0")["servers"]!.AsArray();

        Assert.Equal("http://127.0.0.1:8080", evs[0]!["url"]!.GetValue<string>());
        Assert.Equal("https://{endpoint}", evs[1]!["url"]!.GetValue<string>());
        Assert.Equal("endpoint.invalid", evs[1]!["variables"]!["endpoint"]!["default"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:8080", Assert.Single(dsw)!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Mapper_UnknownKeyword_StopsWithItsPointer()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string","if":{"minLength":1}}}}""")!.AsObject();

        var error = Assert.Throws<InvalidOperationException>(() => SchemaMapper.Map(schema, "x.schema.json"));

        Assert.Contains("x.schema.json#/properties/a/if", error.Message, StringComparison.Ordinal);
        Assert.Contains("'if'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownProvider_NamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => OpenApiDocuments.Build(Repo.Catalog, "ecs"));

        Assert.Contains("evs, pai-dsw, servicestage", error.Message, StringComparison.Ordinal);
    }

    // Member order aside (JsonNode.DeepEquals ignores it), a type array read as a set (3.1 writes
    // ["string","null"] as ["null","string"]), and additionalProperties: true and {} (the same) left out as the default they are.
    private static void AssertSame(JsonNode expected, JsonNode actual, string what)
    {
        var (e, a) = (SortTypes(expected), SortTypes(actual));
        Assert.True(JsonNode.DeepEquals(e, a), $"{what}\nexpected: {e.ToJsonString()}\nactual:   {a.ToJsonString()}");
    }

    private static JsonNode SortTypes(JsonNode node)
    {
        var copy = node.DeepClone();
        Visit(copy);
        return copy;

        static void Visit(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if (o["additionalProperties"] is JsonValue open && open.GetValue<bool>()) o.Remove("additionalProperties");
                if (o["additionalProperties"] is JsonObject { Count: 0 }) o.Remove("additionalProperties");
                if (o["type"] is JsonArray types) o["type"] = new JsonArray(types.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).Select(t => (JsonNode?)t).ToArray());
                foreach (var (_, value) in o.ToList()) Visit(value);
            }
            else if (n is JsonArray a)
            {
                foreach (var item in a) Visit(item);
            }
        }
    }

    // What a draft-07 schema becomes in OpenAPI 3.0: "one type or null" is the type plus nullable.
    private static JsonObject As30(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        Convert(copy);
        return copy;

        static void Convert(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"))
                    {
                        o["type"] = types.Select(t => t!.GetValue<string>()).Single(t => t != "null");
                        o["nullable"] = true;
                    }

                    foreach (var (_, value) in o.ToList()) Convert(value);
                    break;
                case JsonArray a:
                    foreach (var item in a) Convert(item);
                    break;
            }
        }
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => Keys(kv.Value).Prepend(kv.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };
}
