using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Pact.Contracts;

namespace ApiContracts.Pact.Tests;

public class CheckConsumerTests
{
    private static readonly ConsumerPactChecker Checker = new(Repo.Catalog);

    private static IReadOnlyList<PactProblem> Check(string file) =>
        Checker.Check(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerPacts", file)))!);

    [Fact]
    public void CompatibleConsumerPact_HasNoProblems() => Assert.Empty(Check("compatible.json"));

    [Fact]
    public void ReferencePacts_AreCompatible()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "contracts", "pacts")))
        {
            var problems = Checker.Check(JsonNode.Parse(File.ReadAllText(file))!);
            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }
    }

    [Theory]
    [InlineData("unknown-field.json", "matcher $.snapshots[*].size_gb", "'size_gb', which the API's response does not have")]
    [InlineData("wrong-matcher-type.json", "matcher $.snapshots[*].version", "integer matcher on a value the API sends as string")]
    [InlineData("impossible-enum.json", "request", "allowed: desc, asc")]
    [InlineData("wrong-example-type.json", "response body /count", "expected integer")]
    [InlineData("undocumented-status.json", "response status", "does not answer 418")]
    [InlineData("unacceptable-request.json", "request", "query parameter 'limit': 'ten' is not an integer")]
    [InlineData("unknown-operation.json", "request", "is not an operation of any API")]
    [InlineData("letters-regex-on-integer.json", "matcher $.count", "the regex ^[A-Za-z]+$ matches no integer")]
    [InlineData("letters-regex-on-integer.json", "matcher $.count", "the pact's own example 3 does not satisfy its matcher: it does not match the regex ^[A-Za-z]+$")]
    [InlineData("regex-matches-no-enum-value.json", "request matcher $.action", "the regex ^(explode|implode)$ matches none of the values the API accepts (start, stop, restart, scale, rollback)")]
    [InlineData("type-matcher-example-differs.json", "matcher $.snapshots[*].create_time", "a type matcher whose example is a string, while the API sends integer")]
    [InlineData("example-fails-its-matcher.json", "matcher $.snapshots[*].version", "the pact's own example \"v1\" does not satisfy its matcher: it does not match the regex")]
    [InlineData("wrong-matcher-type.json", "matcher $.snapshots[*].version", "the pact's own example \"1.0.2\" does not satisfy its matcher: an integer matcher, the example is a string")]
    [InlineData("base64-body.json", "response body", "cannot be read: it is stored base64-encoded with content type '*/*', not as JSON")]
    [InlineData("base64-json-body.json", "response body /count", "expected integer, got string \"three\"")]
    public void IncompatibleConsumerPact_IsReportedWithInteractionAndPlace(string file, string where, string words)
    {
        var problems = Check(file);

        var interaction = Path.GetFileNameWithoutExtension(file);
        Assert.True(
            problems.Any(p => p.Interaction == interaction && p.Where == where && p.Message.Contains(words, StringComparison.Ordinal)),
            $"expected '{where}: ...{words}...' among:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void CompatiblePact_WithABase64JsonBody_IsDecodedAndHasNoProblems()
    {
        var pact = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerPacts", "compatible.json")))!;
        foreach (var interaction in pact["interactions"]!.AsArray())
        {
            var body = interaction!["response"]!["body"]!;
            var json = body["content"]!.ToJsonString();
            interaction["response"]!["body"] = new JsonObject
            {
                ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)),
                ["contentType"] = "application/json",
                ["encoded"] = "base64",
            };
        }

        Assert.Empty(Checker.Check(pact));
    }

    [Fact]
    public void ConsumerRelyingOnAFieldTheTablesDoNotList_IsReported_ThoughThePublishedSchemaAcceptsIt()
    {
        var pact = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerPacts", "compatible.json")))!;
        var interaction = pact["interactions"]![0]!;
        interaction["response"]!["body"]!["content"]!["snapshots"]![0]!["region"] = "cn-north-4";

        var problems = Checker.Check(pact);

        Assert.Contains(problems, p => p.Where == "response body /snapshots/0/region" && p.Message.StartsWith("property is not allowed here", StringComparison.Ordinal));
        var body = interaction["response"]!["body"]!["content"]!;
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-snapshots", "response.200", body, ApiContracts.Core.Schemas.SchemaView.Published));
    }
}
