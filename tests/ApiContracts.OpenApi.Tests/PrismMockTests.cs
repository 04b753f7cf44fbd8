using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Tests;

namespace ApiContracts.OpenApi.Tests;

/// <summary>One Prism mock per document (three providers, two versions), started once for the class.</summary>
public sealed class PrismMockFixture : IAsyncLifetime
{
    private readonly Dictionary<(string Provider, string Version), PrismProcess> _servers = [];

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal PrismProcess this[string provider, string version] => _servers[(provider, version)];

    public async Task InitializeAsync()
    {
        foreach (var (key, server) in await PrismProcess.StartAll((provider, version) => ["mock", Documents.PathOf(provider, version)])) _servers[key] = server;
    }

    public Task DisposeAsync()
    {
        foreach (var server in _servers.Values) server.Dispose();
        Client.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Prism mocks the documents as a front-end team would: each operation's documented example, the credential enforced.</summary>
public sealed class PrismMockTests(PrismMockFixture prism) : IClassFixture<PrismMockFixture>
{
    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public async Task Mock_EveryOperation_ServesItsDocumentedExample(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);
        var server = prism[api.Provider, version];
        var example = JsonNode.Parse(Assert.Single(api.Success.Examples).Json);

        using var response = await Send(server, api, credential: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(api.Operation.SuccessStatus == (int)response.StatusCode, $"{(int)response.StatusCode} {text}\n{server.Log[^Math.Min(server.Log.Length, 3000)..]}");
        Assert.False(response.Headers.Contains("sl-violations"), string.Join(" ", response.Headers.TryGetValues("sl-violations", out var v) ? v : []));
        Assert.True(JsonNode.DeepEquals(example, JsonNode.Parse(text)), $"expected {example!.ToJsonString()}\nserved   {text}");
    }

    [Theory]
    [MemberData(nameof(Documents.EveryApiInEveryVersion), MemberType = typeof(Documents))]
    public async Task Mock_WithoutCredential_Answers401WithTheApisErrorBody(string apiId, string version)
    {
        var api = Repo.Catalog.Api(apiId);

        using var response = await Send(prism[api.Provider, version], api, credential: false);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("security", string.Join(" ", response.Headers.GetValues("sl-violations")), StringComparison.OrdinalIgnoreCase);
        Assert.True(JsonNode.DeepEquals(ErrorBodies.Build(api, 401, api.Response(401)!.Description), body), body?.ToJsonString());
    }

    private Task<HttpResponseMessage> Send(PrismProcess server, Core.Definitions.ApiDefinition api, bool credential)
    {
        var request = new HttpRequestMessage(new HttpMethod(api.Operation.Method), new Uri(server.Url, Documents.ParentPath(api)));
        if (credential) request.Headers.TryAddWithoutValidation(api.Auth.Header, Documents.Credential(api));
        var body = api.Request.Body?.Examples[0].Json ?? string.Empty;
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return prism.Client.SendAsync(request);
    }
}
