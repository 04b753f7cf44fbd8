using System.Text.Json.Nodes;

namespace ApiContracts.Pact.Tests;

/// <summary>The pact reading the file loader and the consumer checker share.</summary>
public class PactDocumentTests
{
    [Fact]
    public void V2MatchingRules_AreGroupedByPart()
    {
        var rules = JsonNode.Parse("""{"$.body.snapshots[*].size": {"match": "integer"}, "$.headers.X-Auth-Token": {"match": "regex", "regex": "^t"}, "$.query.limit": {"match": "integer"}}""");

        var grouped = PactDocument.MatchingRules(rules)!;

        Assert.Equal(
            """{"body":{"$.snapshots[*].size":{"matchers":[{"match":"integer"}]}},"header":{"X-Auth-Token":{"matchers":[{"match":"regex","regex":"^t"}]}},"query":{"limit":{"matchers":[{"match":"integer"}]}}}""",
            grouped.ToJsonString());
    }

    [Fact]
    public void V3MatchingRules_AreKeptAsTheyAre()
    {
        var text = """{"body":{"$.count":{"combine":"AND","matchers":[{"match":"integer"}]}}}""";

        Assert.Equal(text, PactDocument.MatchingRules(JsonNode.Parse(text))!.ToJsonString());
        Assert.Null(PactDocument.MatchingRules(new JsonObject()));
    }

    [Fact]
    public void Query_ReadsAMapOfListsOrAQueryString()
    {
        Assert.Equal([new("a", "1"), new("a", "2"), new("b", "x")], PactDocument.Query(JsonNode.Parse("""{"a": ["1", "2"], "b": "x"}""")).ToList());
        Assert.Equal([new("a", "1"), new("b", "x y")], PactDocument.Query(JsonValue.Create("a=1&b=x%20y")).ToList());
    }

    [Fact]
    public void HeadersListsAreJoined_AndV4BodiesUnwrapped()
    {
        Assert.Equal([("Accept", "a, b"), ("X", "y")], PactDocument.Headers(JsonNode.Parse("""{"Accept": ["a", "b"], "X": "y"}""")).ToList());
        Assert.Equal("""{"n":1}""", PactDocument.Body(JsonNode.Parse("""{"content": {"n": 1}, "contentType": "application/json"}"""))!.ToJsonString());
        Assert.Equal("""{"content":1}""", PactDocument.Body(JsonNode.Parse("""{"content": 1}"""))!.ToJsonString());
    }

    [Fact]
    public void MessageInteractions_AreLeftOut()
    {
        var interactions = JsonNode.Parse("""[{"description": "a"}, {"description": "b", "type": "Synchronous/HTTP"}, {"description": "c", "type": "Asynchronous/Messages"}]""")!.AsArray();

        Assert.Equal(["a", "b"], PactDocument.HttpInteractions(interactions).Select(i => (string?)i["description"]));
    }
}
