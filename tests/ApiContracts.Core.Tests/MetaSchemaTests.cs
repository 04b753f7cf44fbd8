using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Core.Schemas;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

public class MetaSchemaTests
{
    private static readonly JsonNode MetaSchema = SchemaValidator.MetaSchema();

    // NJsonSchema reads the meta-schema once for every test of the class.
    private static readonly Lazy<Task<NJsonSchema.JsonSchema>> NJsonMetaSchema =
        new(() => NJsonSchema.JsonSchema.FromJsonAsync(WithoutBooleanSubschemas(MetaSchema).ToJsonString()));

    public static TheoryData<string> SchemaFiles()
    {
        var data = new TheoryData<string>();
        foreach (var schema in Repo.Catalog.Schemas) data.Add(schema.FileName);
        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public async Task GeneratedSchema_IsValidDraft07(string fileName)
    {
        var both = Repo.Catalog.Schemas.Single(s => s.FileName == fileName);

        foreach (var schema in new[] { both.Schema, both.Closed })
        {
            var ours = SchemaValidator.SchemaProblems(schema);
            var njs = (await NJsonMetaSchema.Value).Validate(schema.ToJsonString());

            Assert.True(ours.Count == 0, string.Join('\n', ours));
            Assert.True(njs.Count == 0, string.Join('\n', njs));
            Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        }
    }

    [Fact]
    public async Task MetaSchema_RejectsABrokenSchema()
    {
        var broken = JsonNode.Parse("""{"type": "strnig", "required": "name", "minLength": -1}""");

        var errors = new SchemaValidator(MetaSchema).Validate(broken);
        var njs = (await NJsonMetaSchema.Value).Validate(broken!.ToJsonString());

        Assert.NotEmpty(njs);
        Assert.Contains(errors, e => e.Pointer == "/required");
        Assert.Contains(errors, e => e.Pointer == "/minLength");
        Assert.Contains(errors, e => e.Pointer == "/type");
    }

    [Fact]
    public void GeneratedSchemas_UseNoKeywordNJsonSchemaIgnores()
    {
        string[] ignored = ["if", "then", "else", "const", "contains", "propertyNames", "dependencies"];

        foreach (var schema in Repo.Catalog.Schemas)
        {
            var text = CanonicalJson.Write(schema.Schema);
            foreach (var keyword in ignored) Assert.DoesNotContain($"\"{keyword}\":", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"maxItems\": 0", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GeneratedPatterns_EndWithTheLookaheadEveryDialectReadsAsTheEnd()
    {
        var patterns = new List<string>();
        foreach (var schema in Repo.Catalog.Schemas) Collect(schema.Closed, patterns);

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.EndsWith(SchemaBuilder.EndOfInput, p, StringComparison.Ordinal));
        Assert.All(patterns, p => Assert.DoesNotContain("$", p, StringComparison.Ordinal));

        static void Collect(JsonNode? node, List<string> found)
        {
            if (node is JsonObject o)
            {
                if (o["pattern"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) found.Add(v.GetValue<string>());
                foreach (var (_, child) in o) Collect(child, found);
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a) Collect(child, found);
            }
        }
    }

    [Theory]
    [InlineData("^a$", "^a(?![\\s\\S])")]
    [InlineData("^a\\$", "^a\\$")]
    [InlineData("^a\\\\$", "^a\\\\(?![\\s\\S])")]
    [InlineData("^JOB", "^JOB")]
    public void Anchored_ReplacesOnlyAnUnescapedFinalDollar(string pattern, string expected) => Assert.Equal(expected, SchemaBuilder.Anchored(pattern));

    [Fact]
    public void SchemaProblems_NameWhatTheMetaSchemaRejects()
    {
        var problems = SchemaValidator.SchemaProblems(JsonNode.Parse("""{"type": "object", "properties": {"a": {"type": "strnig"}, "b": {"pattern": "(["}}}"""));

        Assert.Contains(problems, e => e.Pointer == "/properties/a/type");
        Assert.Contains(problems, e => e.Pointer == "/properties/b/pattern" && e.Message.Contains("regex", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"definitions": {"a": {"type": "integer"}}, "properties": {"x": {"$ref": "#/definitions/a"}}}""", null)]
    [InlineData("""{"$id": "http://example.com/root.json", "definitions": {"a": {"$id": "a.json", "type": "integer"}}, "properties": {"x": {"$ref": "a.json"}}}""", null)]
    [InlineData("""{"definitions": {"a": {"$id": "#thing", "type": "integer"}}, "properties": {"x": {"$ref": "#thing"}}}""", null)]
    [InlineData("""{"properties": {"x": {"$ref": "http://json-schema.org/draft-07/schema#"}}}""", null)]
    [InlineData("""{"properties": {"x": {"$ref": "#/definitions/missing"}}}""", "/properties/x/$ref")]
    [InlineData("""{"properties": {"x": {"$ref": "other.json"}}}""", "/properties/x/$ref")]
    [InlineData("""{"properties": {"x": {"$ref": "#nothing"}}}""", "/properties/x/$ref")]
    public void SchemaProblems_FindReferencesThatCannotResolve(string schema, string? pointer)
    {
        var problems = SchemaValidator.SchemaProblems(JsonNode.Parse(schema));

        if (pointer is null) Assert.Empty(problems);
        else Assert.Equal(pointer, Assert.Single(problems).Pointer);
    }

    [Fact]
    public void Validator_FollowsLocalReferences_AndWordsTheTarget()
    {
        var schema = JsonNode.Parse("""{"definitions": {"a": {"type": "integer", "minimum": 3}}, "properties": {"x": {"$ref": "#/definitions/a"}}}""")!;

        var errors = new SchemaValidator(schema).Validate(JsonNode.Parse("""{"x": 2}"""));

        Assert.Equal("/x: expected at least 3, got 2", Assert.Single(errors).ToString());
    }

    [Fact]
    public void SchemaIds_AreStableAndUnique()
    {
        var ids = Repo.Catalog.Schemas.Select(s => (string)s.Schema["$id"]!).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("urn:apicontracts:servicestage-instance-action:request.body", ids);
        Assert.Contains("urn:apicontracts:evs-snapshots-detail:response.404", ids);
        Assert.All(Repo.Catalog.Schemas, s => Assert.False(string.IsNullOrWhiteSpace((string?)s.Schema["title"])));
    }

    // NJsonSchema cannot read boolean subschemas (`"default": true` under properties); `{}` means the same.
    private static JsonNode WithoutBooleanSubschemas(JsonNode node)
    {
        var copy = node.DeepClone();
        Rewrite(copy);
        return copy;

        static void Rewrite(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if (o["properties"] is JsonObject props)
                {
                    foreach (var key in props.Select(p => p.Key).ToList())
                    {
                        if (props[key] is JsonValue) props[key] = new JsonObject();
                    }
                }

                if (o["items"] is JsonValue) o["items"] = new JsonObject();
                foreach (var (_, child) in o.ToList()) Rewrite(child);
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a) Rewrite(child);
            }
        }
    }
}
