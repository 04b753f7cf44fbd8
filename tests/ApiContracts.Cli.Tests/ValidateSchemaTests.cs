using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

/// <summary><c>apicontracts validate --schema &lt;file&gt; &lt;instance&gt;...</c>: any JSON against any draft-07 schema.</summary>
public class ValidateSchemaTests
{
    private const string PersonSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "definitions": {"name": {"type": "string", "minLength": 1}},
          "type": "object",
          "properties": {
            "name": {"$ref": "#/definitions/name"},
            "born": {"type": "string", "format": "date-time"},
            "home": {"type": "string", "format": "uri"},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}
          },
          "required": ["name"],
          "additionalProperties": false
        }
        """;

    [Fact]
    public void ValidFiles_ExitZero_OneLineEach()
    {
        var schema = WriteTemp(PersonSchema);
        var first = WriteTemp("""{"name": "Ada", "born": "1815-12-10T00:00:00Z"}""");
        var second = WriteTemp("""{"name": "Grace", "home": "https://example.com/grace", "tags": ["navy"]}""");

        var (exit, output, error) = Run("validate", "--schema", schema, first, second);

        Assert.True(exit == 0, error);
        Assert.Equal([$"valid: {first} matches {schema}", $"valid: {second} matches {schema}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void InvalidFile_ExitsOne_WithOneLinePerErrorAndItsPointer()
    {
        var schema = WriteTemp(PersonSchema);
        var good = WriteTemp("""{"name": "Ada"}""");
        var bad = WriteTemp("""{"name": "", "born": "1815-13-10T00:00:00Z", "home": "/relative", "tags": ["a", "a"], "extra": 1}""");

        var (exit, output, _) = Run("validate", "--schema", schema, good, bad);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Contains($"valid: {good} matches {schema}", lines);
        Assert.Contains($"invalid: {bad} does not match {schema} (5 error(s)):", lines);
        Assert.Contains("/name: expected at least 1 characters, got 0", lines);
        Assert.Contains("/born: string \"1815-13-10T00:00:00Z\" is not a valid date-time", lines);
        Assert.Contains("/home: string \"/relative\" is not a valid uri", lines);
        Assert.Contains("/tags/1: duplicates item 0", lines);
        Assert.Contains(lines, l => l.StartsWith("/extra: property is not allowed here", StringComparison.Ordinal));
    }

    [Fact]
    public void StandardInput_IsReadForDash()
    {
        var schema = WriteTemp("""{"type": "array", "items": {"type": "integer"}}""");

        var (exit, output, _) = RunWithInput("[1, 2.5]", "validate", "--schema", schema, "-");

        Assert.Equal(1, exit);
        Assert.Contains("/1: expected integer, got number 2.5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaThatIsNotDraft07_ExitsTwo_NamingEachProblem()
    {
        var schema = WriteTemp("""{"type": "strnig", "required": "name", "properties": {"a": {"pattern": "(["}}}""");
        var instance = WriteTemp("{}");

        var (exit, output, error) = Run("validate", "--schema", schema, instance);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"{schema} is not a valid draft-07 schema", error, StringComparison.Ordinal);
        Assert.Contains("/type:", error, StringComparison.Ordinal);
        Assert.Contains("/required:", error, StringComparison.Ordinal);
        Assert.Contains("/properties/a/pattern:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}""", "only draft-07 schemas")]
    [InlineData("""{"type": "object",""", "not valid JSON")]
    [InlineData("""{"$ref": "other.json#/definitions/a"}""", "points outside this schema file")]
    [InlineData("""{"properties": {"a": {"$ref": "#/definitions/missing"}}}""", "does not resolve: nothing is at /definitions/missing")]
    public void UnusableSchema_ExitsTwo(string schemaText, string words)
    {
        var schema = WriteTemp(schemaText);

        var (exit, _, error) = Run("validate", "--schema", schema, WriteTemp("{}"));

        Assert.Equal(2, exit);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--schema", "/no/such/schema.json", "x.json")]
    [InlineData("validate", "--schema", "SCHEMA", "--api", "evs-snapshots-detail", "x.json")]
    [InlineData("validate", "--schema", "SCHEMA")]
    [InlineData("validate", "--schema", "SCHEMA", "/no/such/instance.json")]
    [InlineData("validate", "--schema", "SCHEMA", "-", "-")]
    [InlineData("validate", "--api", "evs-snapshots-detail", "--response", "200", "a.json", "b.json")]
    public void BadUsage_ExitsTwo(params string[] args)
    {
        var schema = WriteTemp("""{"type": "object"}""");

        var (exit, _, error) = RunWithInput("{}", [.. args.Select(a => a == "SCHEMA" ? schema : a), "--root", Repo.Root]);

        Assert.Equal(2, exit);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishedSchemaFile_ReadsAsTheApiModeDoes()
    {
        // The committed schema file through --schema, and the same payload through --api: same verdict, same lines.
        var schema = Path.Combine(Repo.Root, "contracts", "schemas", "servicestage-instance-action", "request.body.schema.json");
        var payload = WriteTemp("""{"action": "scale", "parameters": {}}""");

        var (bySchema, schemaOut, _) = Run("validate", "--schema", schema, payload);
        var (byApi, apiOut, _) = Run("validate", "--root", Repo.Root, "--api", "servicestage-instance-action", "--request", "body", payload);

        Assert.Equal(1, bySchema);
        Assert.Equal(1, byApi);
        Assert.Contains("/parameters/replica: required property is missing when /action is scale", schemaOut, StringComparison.Ordinal);
        Assert.Equal(apiOut.Split('\n').Skip(1), schemaOut.Split('\n').Skip(1));
    }

    [Fact]
    public void ApiMode_ResponseWithAFieldTheTablesDoNotList_IsValid_AsThePublishedSchemaSays()
    {
        var (exit, output, _) = RunWithInput("""{"count": 0, "snapshots": [], "region": "cn-north-4"}""", "validate", "--root", Repo.Root, "--api", "servicestage-instance-snapshots", "--response", "200", "-");

        Assert.Equal(0, exit);
        Assert.StartsWith("valid:", output, StringComparison.Ordinal);
    }
}
