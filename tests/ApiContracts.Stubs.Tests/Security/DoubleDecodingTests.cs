using System.Text;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 1: with a pack loaded (so requests reach WireMock.Net), a path encoded twice
/// (<c>/%255F_admin/settings</c>) was <c>/%5F_admin/settings</c> to the admin gate and <c>/__admin/settings</c> to
/// WireMock, which decodes again: its whole admin API answered without a token. Now every request is read once,
/// as WireMock reads it, and one that reads two ways is refused before any route runs.
/// </summary>
[Collection(FolderCollection.Name)]
public sealed class DoubleDecodingTests : IDisposable
{
    private readonly ServerWith _stub = new(new StubServerOptions { Port = 0, Pack = Path.Combine(Repo.Root, "fixtures", "stubs", "evs") });

    public void Dispose() => _stub.Dispose();

    public static TheoryData<string> TwiceEncoded => new()
    {
        "/%255F_admin/settings", "/%255f_admin/settings", "/%255F%255Fadmin/settings", "/%255f%255Fadmin/settings",
        "/__admi%256E/settings", "/__admi%256e/settings", "/_%255Fadmin/health", "/_%255fadmin/health", "/__%2561dmin/requests",
        "/%25255F_admin/settings", "/%255F_admin/mappings", "/%255F%255F%2561%2564%256D%2569%256E/settings", "/%2F__admin/settings",
    };

    private Task<(int Status, string Text)> Raw(string method, string path, string? body = null, string headers = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var head = $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n{headers}\r\n";
        return RawHttp.Send(_stub.Server.Url, [.. Encoding.ASCII.GetBytes(head), .. bytes]);
    }

    [Theory]
    [MemberData(nameof(TwiceEncoded))]
    public async Task AnAdminPathEncodedTwice_IsRefusedBeforeAnyRoute_AndWireMocksAdminNeverAnswers(string path)
    {
        var (status, text) = await Raw("GET", path);

        Assert.Equal(400, status);
        Assert.DoesNotContain("MaxRequestLogCount", text, StringComparison.Ordinal); // WireMock's settings
        Assert.DoesNotContain("Healthy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Request\"", text, StringComparison.Ordinal); // WireMock's request log
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Status == 400 && e.Notes.Any(n => n.Contains("decode", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TwiceEncoded))]
    public async Task AnAdminPathEncodedTwice_IsRefused_EvenWithTheAdminToken(string path)
    {
        var (status, _) = await Raw("GET", path, headers: $"Authorization: Bearer {_stub.Server.AdminToken}\r\n");

        Assert.Equal(400, status);
    }

    [Theory]
    [InlineData("/v2/a+b/cloudsnapshots/detail")]
    [InlineData("/v2/a%2Bb/cloudsnapshots/detail")]
    public async Task APlusInThePath_IsRefused_SayingWhy(string path)
    {
        // WireMock.Net reads '+' as a space; the message said "encode it once", which cannot help (attack review 2).
        var (status, text) = await Raw("GET", path);

        Assert.Equal(400, status);
        Assert.Contains(_stub.Server.Journal.Newest(), e => e.Status == 400 && e.Notes.Any(n => n.Contains("which WireMock.Net reads as a space", StringComparison.Ordinal)));
        Assert.DoesNotContain("encode it once", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMappingPostedThroughATwiceEncodedPath_IsNotAdded_AndNoFileIsServed()
    {
        var before = _stub.Server.WireMock.Mappings.Count();
        var (status, _) = await Raw("POST", "/%255F_admin/mappings", """{"Request":{"Path":"/env","Methods":["GET"]},"Response":{"StatusCode":200,"BodyAsFile":"/proc/self/environ"}}""");
        var env = await _stub.Get("/env");

        Assert.Equal(400, status);
        Assert.Equal(before, _stub.Server.WireMock.Mappings.Count());
        Assert.DoesNotContain("PATH=", env.Text, StringComparison.Ordinal);
        Assert.NotEqual(200, env.Status);
    }

    [Fact]
    public async Task TheRequestLog_SettingsAndFiles_CannotBeReachedThroughATwiceEncodedPath()
    {
        await _stub.Get(StubFixture.Evs, headers: new Dictionary<string, string> { ["X-Auth-Token"] = "secret-in-the-log", ["Cookie"] = "session=abc123" });
        var folder = Directory.GetCurrentDirectory();

        var log = await Raw("GET", "/%255F_admin/requests");
        var file = await Raw("POST", "/%255F_admin/files/pwned.txt", "pwned");
        var save = await Raw("POST", "/%255F_admin/mappings/save");
        var proxy = await Raw("PUT", "/%255F_admin/settings", """{"ProxyAndRecordSettings":{"Url":"http://127.0.0.1:9"}}""");
        var settings = await _stub.Get("/__admin/settings");

        Assert.All(new[] { log, file, save, proxy }, answer => Assert.Equal(400, answer.Status));
        Assert.DoesNotContain("secret-in-the-log", log.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "__admin", "mappings", "pwned.txt")));
        Assert.Null(settings.Body!["ProxyAndRecordSettings"]);
    }

    [Fact]
    public async Task APreflightForATwiceEncodedPath_IsNotAnsweredAsAnApiRoute()
    {
        var (status, text) = await Raw("OPTIONS", "/%255F_admin/mappings", headers: "Origin: http://127.0.0.1:1\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n");

        Assert.Equal(400, status);
        Assert.DoesNotContain("Access-Control-Allow-Origin", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/%5F%5Fadmin/settings")] // once: Kestrel decodes it to /__admin/settings, an admin route
    [InlineData("/__ADMIN/settings")]
    [InlineData("/__Admin/mappings")]
    [InlineData("/v2/%255F_admin/../../__admin/settings")] // Kestrel removes the dot segments first
    public async Task OnceEncodedAndOtherCase_AreAdminRoutes_AndNeedTheToken(string path)
    {
        var (status, text) = await Raw("GET", path);

        Assert.Equal(401, status);
        Assert.DoesNotContain("MaxRequestLogCount", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApiPathWithAnEncodedPercent_GetsTheApis400_InItsOwnFormat()
    {
        var answer = await _stub.Get("/v2/20a68d6b7a124ae2b6b8a22046ee5966%2525/cloudsnapshots/detail");

        Assert.Equal(400, answer.Status);
        Assert.Contains("decoded", answer.Text, StringComparison.Ordinal);
        Assert.Equal(200, (await _stub.Get(StubFixture.Evs)).Status);
    }
}
