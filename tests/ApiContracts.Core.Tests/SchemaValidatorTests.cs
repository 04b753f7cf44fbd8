using System.Text.Json.Nodes;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

/// <summary>
/// The adapter over JsonSchema.Net: draft-07 behaviours it must keep through its options (annotations not
/// collected, annotation keywords left out of the compiled schema), and the wording of its errors.
/// </summary>
public class SchemaValidatorTests
{
    [Theory]
    [InlineData("""{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}""", """{"a": 1, "x-b": 2}""", true)]
    [InlineData("""{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}""", """{"a": 1, "b": 2}""", false)]
    [InlineData("""{"additionalProperties": {"type": "integer"}}""", """{"a": 1, "b": "2"}""", false)]
    [InlineData("""{"items": [{"type": "string"}], "additionalItems": false}""", """["a"]""", true)]
    [InlineData("""{"items": [{"type": "string"}], "additionalItems": false}""", """["a", 1]""", false)]
    [InlineData("""{"dependencies": {"a": ["b"]}}""", """{"a": 1}""", false)]
    [InlineData("""{"dependencies": {"a": {"required": ["c"]}}}""", """{"a": 1, "c": 2}""", true)]
    [InlineData("""{"if": {"minimum": 10}, "then": {"multipleOf": 5}, "else": {"maximum": 3}}""", "15", true)]
    [InlineData("""{"if": {"minimum": 10}, "then": {"multipleOf": 5}, "else": {"maximum": 3}}""", "12", false)]
    [InlineData("""{"if": {"minimum": 10}, "then": {"multipleOf": 5}, "else": {"maximum": 3}}""", "4", false)]
    [InlineData("""{"definitions": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/definitions/n", "type": "string"}}}""", """{"a": 3}""", true)]
    [InlineData("""{"contains": {"const": 2}}""", "[1, 3]", false)]
    [InlineData("""{"contains": {"const": 2}}""", "[]", false)]
    [InlineData("""{"propertyNames": {"maxLength": 2}}""", """{"abc": 1}""", false)]
    [InlineData("""{"type": "integer"}""", "1.0", true)]
    [InlineData("""{"maximum": 1.5}""", "1.6", false)]
    [InlineData("""{"multipleOf": 0.01}""", "0.07", true)]
    [InlineData("""{"minLength": 2}""", "\"\u00e9\"", false)]
    [InlineData("""{"minLength": 2}""", "\"\ud83d\ude00\"", false)]
    [InlineData("""{"oneOf": [{"type": "integer"}, {"minimum": 2}]}""", "3", false)]
    [InlineData("""{"not": {"type": "string"}}""", "3", true)]
    [InlineData("""{"enum": [{"a": [1]}]}""", """{"a": [1.0]}""", true)]
    [InlineData("""{"uniqueItems": true}""", """[{"a": 1}, {"a": 1}]""", false)]
    [InlineData("""{"description": "kept out of the compiled schema", "examples": [1], "default": 1, "title": "t", "type": "string"}""", "1", false)]
    public void Draft07Keyword_IsEvaluatedAsTheSpecificationSays(string schema, string instance, bool valid)
    {
        var errors = new SchemaValidator(JsonNode.Parse(schema)!).Validate(JsonNode.Parse(instance));

        Assert.True(valid == (errors.Count == 0), string.Join('\n', errors));
        if (!valid) Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [InlineData("""{"properties": {"a": {"enum": ["x", "y"]}}}""", """{"a": "z"}""", "/a: string \"z\" is not one of \"x\", \"y\"")]
    [InlineData("""{"properties": {"a": {"type": ["string", "null"]}}}""", """{"a": 1}""", "/a: expected string or null, got integer 1")]
    [InlineData("""{"required": ["a/b"]}""", "{}", "/a~1b: required property is missing")]
    [InlineData("""{"dependencies": {"a": ["b"]}}""", """{"a": 1}""", "/b: required property is missing when a is present")]
    [InlineData("""{"oneOf": [{"type": "integer"}, {"minimum": 2}]}""", "3", "(root): matches 2 of the alternatives where exactly one is allowed")]
    [InlineData("""{"not": {"type": "integer", "description": "an integer"}}""", "3", "(root): must not match an integer")]
    [InlineData("""{"contains": {"const": 2}}""", "[1]", "(root): no item matches the required item shape")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "boolean"}], "description": "a flag"}""", "3", "(root): matches none of the 2 allowed shapes (a flag)")]
    [InlineData("""{"items": false}""", "[1]", "/0: no value is allowed here")]
    public void Error_NamesThePointerAndWhatWasExpected(string schema, string instance, string expected)
    {
        var errors = new SchemaValidator(JsonNode.Parse(schema)!).Validate(JsonNode.Parse(instance));

        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Fact]
    public void ConditionalRule_NamesItsConsequence()
    {
        var errors = Repo.Catalog.Validate("servicestage-instance-action", "request.body", Repo.Parse("""{"action": "rollback", "parameters": {"replica": 2}}"""));

        Assert.Equal("/parameters/version: required property is missing when /action is rollback", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_FromManyThreads_GivesTheSameAnswers()
    {
        var good = Repo.Parse("""{"action": "scale", "parameters": {"replica": 4}}""");
        var bad = Repo.Parse("""{"action": "scale", "parameters": {}}""");
        var answers = new System.Collections.Concurrent.ConcurrentBag<(int Good, int Bad)>();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            answers.Add((Repo.Catalog.Validate("servicestage-instance-action", "request.body", good).Count, Repo.Catalog.Validate("servicestage-instance-action", "request.body", bad).Count)));

        Assert.Equal(400, answers.Count);
        Assert.All(answers, a => Assert.Equal((0, 1), a));
    }

    [Fact]
    public void UnresolvableReference_IsReportedWhenReached_NotAsACrash()
    {
        var validator = new SchemaValidator(JsonNode.Parse("""{"properties": {"a": {"$ref": "other.json"}}}""")!);

        Assert.Empty(validator.Validate(JsonNode.Parse("{}")));
        var ex = Assert.Throws<InvalidOperationException>(() => validator.Validate(JsonNode.Parse("""{"a": 1}""")));
        Assert.Contains("cannot be evaluated", ex.Message, StringComparison.Ordinal);
    }
}
