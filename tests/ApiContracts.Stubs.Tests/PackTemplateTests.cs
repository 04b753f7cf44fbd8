using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests;

/// <summary>Our pack loader renders WireMock's response templates as far as stub packs use them: <c>{{request.baseUrl}}</c>.</summary>
public sealed class PackTemplateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pack-template").FullName;

    public PackTemplateTests() => Directory.CreateDirectory(Path.Combine(_folder, "mappings"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Mappings(string json) => File.WriteAllText(Path.Combine(_folder, "mappings", "stubs.json"), json);

    [Fact]
    public async Task Loader_RendersTheRequestsBaseUrl_InBodyFilesAndHeaders_OnlyWhereTheTransformerIsNamed()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "__files"));
        File.WriteAllText(Path.Combine(_folder, "__files", "page.json"), """{"next": "{{request.baseUrl}}/things?page=2", "again": "{{{ request.baseUrl }}}"}""");
        Mappings("""
            {"mappings": [
              {"request": {"method": "GET", "urlPath": "/templated"}, "response": {"status": 203, "bodyFileName": "page.json", "headers": {"Location": "{{request.baseUrl}}/x"}, "transformers": ["response-template"], "fixedDelayMilliseconds": 200}},
              {"request": {"method": "GET", "urlPath": "/plain"}, "response": {"status": 200, "body": "{{request.baseUrl}}"}}
            ]}
            """);
        using var server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = _folder });
        using var client = new HttpClient();
        var viaLocalhost = server.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var templated = await client.GetAsync(new Uri(server.Url + "/templated"));
        var elapsed = clock.ElapsedMilliseconds;
        using var otherHost = await client.GetAsync(new Uri(viaLocalhost + "/templated"));
        var plain = await client.GetStringAsync(new Uri(server.Url + "/plain"));

        Assert.Equal(203, (int)templated.StatusCode);
        Assert.Equal($$"""{"next": "{{server.Url}}/things?page=2", "again": "{{server.Url}}"}""", await templated.Content.ReadAsStringAsync());
        Assert.Equal(server.Url + "/x", templated.Headers.Location!.OriginalString);
        Assert.True(elapsed >= 180, $"the stub's delay was skipped: {elapsed} ms"); // a timer may fire a few ms early
        Assert.StartsWith($$"""{"next": "{{viaLocalhost}}/things""", await otherHost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("{{request.baseUrl}}", plain); // no transformer named: the body is sent as written, as WireMock does
    }

    [Theory]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"body": "{{request.path}}", "transformers": ["response-template"]}}""", "template expression '{{request.path}}' is not supported")]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"body": "{{#each x}}", "transformers": ["response-template"]}}""", "is not supported (supported: {{request.baseUrl}})")]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"body": "ok", "headers": {"Location": "{{now}}"}, "transformers": ["response-template"]}}""", "header 'Location': template expression '{{now}}'")]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"body": "ok", "transformers": ["body-transformer"]}}""", "unsupported transformer 'body-transformer' (supported: response-template)")]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"body": "ok", "transformers": "response-template"}}""", "'transformers' must be an array of names")]
    public void Loader_RefusesATemplateItCannotRender_NamingTheFile(string mapping, string words)
    {
        Mappings(mapping);

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = _folder }));

        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
        Assert.Contains("stubs.json", ex.Message, StringComparison.Ordinal);
    }
}
