using System.Net;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 9: a pack's <c>bodyFileName</c> is read at its real path, which must lie inside
/// the pack's real <c>__files</c> folder; a link (to a file or a folder) leading out of it is refused at load.
/// </summary>
public sealed class PackLinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pack-links").FullName;

    public PackLinkTests()
    {
        Directory.CreateDirectory(Path.Combine(Outside, "etc"));
        File.WriteAllText(Path.Combine(Outside, "etc", "passwd"), "root:x:0:0:the secret outside the pack");
        Directory.CreateDirectory(Path.Combine(Pack, "mappings"));
        Directory.CreateDirectory(Path.Combine(Pack, "__files", "bodies"));
        File.WriteAllText(Path.Combine(Pack, "__files", "bodies", "inside.json"), """{"inside": true}""");
    }

    private string Pack => Path.Combine(_folder, "pack");

    private string Outside => Path.Combine(_folder, "outside");

    private string Secret => Path.Combine(Outside, "etc", "passwd");

    private string MappingFile => Path.Combine(Pack, "mappings", "leak.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Map(string bodyFileName) =>
        File.WriteAllText(MappingFile, $$$"""{"request": {"method": "GET", "urlPath": "/leak"}, "response": {"status": 200, "bodyFileName": "{{{bodyFileName}}}"}}""");

    [Fact]
    public void Start_FileLinkToASecretOutside_IsRefusedNamingTheFileAndKey()
    {
        // The report's reproduction: __files/link.txt -> /etc/passwd with "bodyFileName": "link.txt".
        File.CreateSymbolicLink(Path.Combine(Pack, "__files", "link.txt"), Secret);
        Map("link.txt");

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = Pack }));

        Assert.Equal($"{MappingFile} response: bodyFileName 'link.txt' is outside the pack's __files folder (after resolving .. and links); only files there may be served", ex.Message);
    }

    [Theory]
    [InlineData("linked/passwd")]
    [InlineData("bodies/../linked/passwd")]
    [InlineData("linked/../linked/./passwd")]
    public void Start_FolderLinkToAFolderOutside_IsRefused(string bodyFileName)
    {
        Directory.CreateSymbolicLink(Path.Combine(Pack, "__files", "linked"), Path.Combine(Outside, "etc"));
        Map(bodyFileName);

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = Pack }));

        Assert.StartsWith($"{MappingFile} response: bodyFileName '{bodyFileName}' is outside the pack's __files folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_FilesFolderItselfLinkedOutside_IsRefused()
    {
        Directory.Delete(Path.Combine(Pack, "__files"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(Pack, "__files"), Path.Combine(Outside, "etc"));
        Map("passwd");

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = Pack }));

        Assert.Equal($"{MappingFile} response: bodyFileName 'passwd': the pack's __files folder is a symbolic link (to {Path.Combine(Outside, "etc")}); bodies are read only from a real __files folder inside the pack", ex.Message);
    }

    [Fact]
    public void Start_LinkLoopInFiles_IsRefusedNotHung()
    {
        File.CreateSymbolicLink(Path.Combine(Pack, "__files", "a"), Path.Combine(Pack, "__files", "b"));
        File.CreateSymbolicLink(Path.Combine(Pack, "__files", "b"), Path.Combine(Pack, "__files", "a"));
        Map("a");

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = Pack }));

        Assert.StartsWith($"{MappingFile} response: bodyFileName 'a' cannot be resolved to a file inside the pack's __files folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LinksThatStayInside_AndAPackReachedThroughALink_AreServedOverHttp()
    {
        // A link within __files (a shared body) stays inside, and so does a pack the user names through a link.
        File.CreateSymbolicLink(Path.Combine(Pack, "__files", "alias.json"), Path.Combine("bodies", "inside.json"));
        Map("alias.json");
        var linkedPack = Path.Combine(_folder, "linked-pack");
        Directory.CreateSymbolicLink(linkedPack, Pack);

        using var server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = linkedPack });
        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var answer = await client.GetAsync(new Uri("/leak", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("""{"inside": true}""", await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, server.PackCount);
    }
}
