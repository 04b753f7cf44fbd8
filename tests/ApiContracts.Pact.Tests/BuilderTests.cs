using System.Text.Json.Nodes;
using ApiContracts.Pact.Builder;

namespace ApiContracts.Pact.Tests;

/// <summary>The builder over a recording driver: no native library needed.</summary>
public class BuilderTests
{
    private sealed class RecordingDriver : IPactDriver
    {
        public List<string> Calls { get; } = [];

        public int NewPact(string consumer, string provider, PactSpecification specification) { Calls.Add($"pact {consumer}->{provider} {specification}"); return 7; }

        public long NewInteraction(int pact, string description) { Calls.Add($"interaction {pact} {description}"); return 11; }

        public void Given(long interaction, string state, IReadOnlyDictionary<string, JsonNode?> parameters) =>
            Calls.Add($"given {state} {string.Join(",", parameters.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))}");

        public void WithRequest(long interaction, string method, string path) => Calls.Add($"request {method} {path}");

        public void WithQuery(long interaction, string name, int index, string value) => Calls.Add($"query {name}[{index}]={value}");

        public void WithHeader(long interaction, bool request, string name, int index, string value) => Calls.Add($"{(request ? "request" : "response")} header {name}={value}");

        public void WithBody(long interaction, bool request, string contentType, string body) => Calls.Add($"{(request ? "request" : "response")} body {body}");

        public void ResponseStatus(long interaction, int status) => Calls.Add($"status {status}");

        public void WithMatchingRules(long interaction, bool request, string rules) => Calls.Add($"rules {rules}");

        public int StartMockServer(int pact, string host, int port) => 1234;

        public bool MockServerMatched(int port) => false;

        public string MockServerMismatches(int port) => "[{\"type\":\"missing-request\"}]";

        public void WriteMockServerPact(int port, string directory) => Calls.Add("write mock");

        public void StopMockServer(int port) => Calls.Add("stop");

        public void WritePact(int pact, string directory, bool overwrite) => Calls.Add("write");

        public void FreePact(int pact) => Calls.Add("free");
    }

    [Fact]
    public void Builder_TranslatesEachStepIntoEngineCalls()
    {
        var driver = new RecordingDriver();
        using (var pact = new PactBuilder("c", "p", PactSpecification.V3, driver))
        {
            pact.UponReceiving("a request")
                .Given("a state", new Dictionary<string, JsonNode?> { ["size"] = 3 })
                .WithRequest("GET", "/x")
                .WithQuery("status", "available")
                .WithQuery("status", Match.Regex("^e.*$", "error"))
                .WillRespondWith(404)
                .WithJsonBody(new JsonObject { ["n"] = Match.Integer(1) });
        }

        Assert.Equal(
        [
            "pact c->p V3", "interaction 7 a request", "given a state size=3", "request GET /x", "query status[0]=available",
            "query status[1]={\"pact:matcher:type\":\"regex\",\"value\":\"error\",\"regex\":\"^e.*$\"}", "status 404",
            "response body {\"n\":{\"pact:matcher:type\":\"integer\",\"value\":1}}", "free",
        ], driver.Calls);
    }

    [Fact]
    public void MockServer_Verify_ListsTheMismatches()
    {
        using var pact = new PactBuilder("c", "p", driver: new RecordingDriver());
        using var server = pact.StartMockServer();

        var ex = Assert.Throws<PactVerificationException>(server.Verify);

        Assert.Contains("missing-request", ex.Message, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:1234", server.Url);
    }

    [Fact]
    public void PactFileLoader_FreesThePact_WhenAnInteractionIsMalformed()
    {
        var driver = new RecordingDriver();
        var pact = JsonNode.Parse("""{"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [{"description": "no request"}]}""")!;

        Assert.Throws<FormatException>(() => PactFileLoader.Load(pact, driver));

        Assert.Equal("free", driver.Calls[^1]);
    }
}
