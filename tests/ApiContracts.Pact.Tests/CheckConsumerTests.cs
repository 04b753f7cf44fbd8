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
    public void IncompatibleConsumerPact_IsReportedWithInteractionAndPlace(string file, string where, string words)
    {
        var problems = Check(file);

        var interaction = Path.GetFileNameWithoutExtension(file);
        Assert.Contains(problems, p => p.Interaction == interaction && p.Where == where && p.Message.Contains(words, StringComparison.Ordinal));
    }
}
