using System.Text;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 6: <c>POST /__admin/mappings/reset?reload%53taticMappings=true</c> reloaded mapping
/// files from the server's folder: the route check read the raw query, WireMock the decoded one. Now the query's
/// names are read as WireMock reads them, without regard to case, and each route takes only its own.
/// </summary>
[Collection(FolderCollection.Name)]
public sealed class AdminQueryTests : IDisposable
{
    private readonly ServerWith _stub = new(new StubServerOptions { Port = 0, Pack = Path.Combine(Repo.Root, "fixtures", "stubs", "evs") });

    public void Dispose() => _stub.Dispose();

    private Task<(int Status, string Text)> Raw(string method, string target) =>
        RawHttp.Send(_stub.Server.Url, Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {_stub.Server.AdminToken}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

    [Theory]
    [InlineData("reloadStaticMappings=true")]
    [InlineData("reload%53taticMappings=true")]
    [InlineData("reload%2553taticMappings=true")]
    [InlineData("%72eloadStaticMappings=true")]
    [InlineData("RELOADSTATICMAPPINGS=true")]
    [InlineData("reloadstaticmappings=True")]
    [InlineData("x=1;reloadStaticMappings=true")]
    [InlineData("x=1&reloadStaticMappings=true")]
    [InlineData("reloadStaticMappings")]
    public async Task MappingsReset_TakesNoQuery_InAnySpelling(string query)
    {
        var before = _stub.Server.WireMock.Mappings.Count();
        var (status, text) = await Raw("POST", "/__admin/mappings/reset?" + query);

        Assert.Equal(403, status);
        Assert.Contains("is turned off in this stub", text, StringComparison.Ordinal);
        Assert.Equal(before, _stub.Server.WireMock.Mappings.Count()); // the pack's mappings are all still there
    }

    [Theory]
    [InlineData("GET", "/__admin/mappings?x=1")]
    [InlineData("GET", "/__admin/settings?reloadStaticMappings=true")]
    [InlineData("DELETE", "/__admin/requests?a%3Db=1")]
    [InlineData("GET", "/__admin/requests/find?mappingGuid=0b5c7a6e-0a0b-4c6e-9d1e-2f3a4b5c6d7e&x=1")]
    public async Task AQueryParameterTheRouteDoesNotTake_Gets400(string method, string target)
    {
        var (status, text) = await Raw(method, target);

        Assert.Equal(400, status);
        Assert.Contains("is not one", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/__admin/requests/find?mappingGuid=0b5c7a6e-0a0b-4c6e-9d1e-2f3a4b5c6d7e", 200)] // no request matched that mapping: an empty list
    [InlineData("/__admin/requests/find?MAPPINGGUID=0b5c7a6e-0a0b-4c6e-9d1e-2f3a4b5c6d7e", 404)] // WireMock.Net reads the name in its own case only
    [InlineData("/__admin/mappings/code?MappingConverterType=Server", 200)]
    [InlineData("/__admin/requests/unmatched/near-misses?maxResults=2", 200)]
    public async Task TheQueryParametersARouteTakes_StillWork(string target, int expected)
    {
        var (status, text) = await Raw("GET", target);

        Assert.Equal(expected, status);
        Assert.DoesNotContain("is not one", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MappingsReset_WithoutAQuery_ReadsNoMappingFileFromTheServersFolder()
    {
        // The attack's file: a mapping planted where WireMock.Net looks for static mappings (its folder's __admin/mappings).
        var admin = Path.Combine(Directory.GetCurrentDirectory(), "__admin");
        var folder = Path.Combine(admin, "mappings");
        Directory.CreateDirectory(folder);
        var planted = Path.Combine(folder, $"planted-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(planted, """{"Request":{"Path":"/planted"},"Response":{"Body":"planted"}}""");
        try
        {
            var (status, _) = await Raw("POST", "/__admin/mappings/reset");
            var after = await _stub.Get("/planted");

            Assert.Equal(200, status);
            Assert.DoesNotContain(_stub.Server.WireMock.Mappings, m => m.Path is not null);
            Assert.NotEqual("planted", after.Text);
            Assert.Equal(404, after.Status);
        }
        finally
        {
            Directory.Delete(admin, recursive: true);
        }
    }
}

/// <summary>Tests that plant files in, or count the files of, the test process's own folder (WireMock.Net's root) run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FolderCollection
{
    public const string Name = "the test process's folder";
}
