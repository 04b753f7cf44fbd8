using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Pact.Builder;

namespace ApiContracts.Pact.Tests;

public class MockFromFileTests
{
    private static PactBuilder LoadEvs() =>
        PactFileLoader.Load(JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-evs.json")))!);

    [Fact]
    public async Task ReferencePact_IsServedByTheEngine_AndReportsWhatWasMissed()
    {
        using var pact = LoadEvs();
        using var server = pact.StartMockServer();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail?limit=5");
        request.Headers.Add("X-Auth-Token", "any-token-matches-the-regex");
        request.Content = new StringContent(string.Empty);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Single(body["snapshots"]!.AsArray()); // the pact's one example element, matched by type
        Assert.Equal(12, (int)body["count"]!);
        Assert.NotNull(body["snapshots_links"]);
        Assert.False(server.Matched);
        Assert.Contains("missing-request", server.Mismatches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedRequest_IsReported()
    {
        using var pact = LoadEvs();
        using var server = pact.StartMockServer();
        using var client = new HttpClient();

        var response = await client.GetAsync(new Uri(server.Url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail?limit=77"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("Unexpected query parameter 'limit'", server.Mismatches, StringComparison.Ordinal);
        Assert.Contains("request-mismatch", server.Mismatches, StringComparison.Ordinal);
    }
}
