using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Issue 10, point 1: mappings posted to /__admin cannot read files outside the pack's __files folder,
/// cannot proxy unless --allow-proxy names the host, and nothing under /__admin writes to disk.
/// </summary>
[Collection(FolderCollection.Name)]
public sealed class FileAndProxyTests : IDisposable
{
    private readonly string _pack;
    private readonly string _outside;
    private readonly PackFixture _stub;

    public FileAndProxyTests()
    {
        _pack = Directory.CreateTempSubdirectory("apicontracts-pack-").FullName;
        Directory.CreateDirectory(Path.Combine(_pack, "mappings"));
        Directory.CreateDirectory(Path.Combine(_pack, "__files"));
        File.WriteAllText(Path.Combine(_pack, "__files", "inside.json"), """{"inside": true}""");
        _outside = Path.Combine(Path.GetTempPath(), $"apicontracts-secret-{Environment.ProcessId}-{Path.GetRandomFileName()}.txt");
        File.WriteAllText(_outside, "the secret outside the pack");
        File.CreateSymbolicLink(Path.Combine(_pack, "__files", "link.txt"), _outside);
        _stub = new PackFixture(new StubServerOptions { Port = 0, Pack = _pack, AllowedProxyHosts = ["allowed.example"] });
    }

    public void Dispose()
    {
        _stub.Dispose();
        Directory.Delete(_pack, recursive: true);
        File.Delete(_outside);
    }

    private static string Mapping(string path, string response) =>
        $$"""{"Request": {"Path": "{{path}}", "Methods": ["GET"]}, "Response": {{response}}}""";

    [Theory]
    [InlineData("/etc/passwd", "outside the pack's __files folder")]
    [InlineData("/proc/self/environ", "outside the pack's __files folder")]
    [InlineData("../../../../../../etc/passwd", "outside the pack's __files folder")]
    [InlineData("../mappings/../../../../../../../etc/hostname", "outside the pack's __files folder")]
    [InlineData("link.txt", "outside the pack's __files folder")]
    [InlineData("nothing-here.json", "no such file")]
    public async Task BodyAsFile_OutsideThePacksFiles_IsRefusedWith400_AndNothingIsServed(string file, string words)
    {
        var added = await _stub.Send("POST", "/__admin/mappings", Mapping("/pw", $$"""{"StatusCode": 200, "BodyAsFile": {{JsonValue.Create(file).ToJsonString()}}}"""));
        var served = await _stub.Get("/pw");

        Assert.Equal(400, added.Status);
        Assert.Contains(words, added.Text, StringComparison.Ordinal);
        Assert.Contains("/Response/BodyAsFile", added.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", served.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", served.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PATH=", served.Text, StringComparison.Ordinal);
        Assert.NotEqual(200, served.Status);
    }

    [Fact]
    public async Task BodyAsFile_InsideThePacksFiles_IsServed()
    {
        var added = await _stub.Send("POST", "/__admin/mappings", Mapping("/inside", """{"StatusCode": 200, "BodyAsFile": "inside.json"}"""));
        var served = await _stub.Get("/inside");

        Assert.Equal(201, added.Status);
        Assert.Equal(200, served.Status);
        Assert.Equal(true, (bool?)served.Body!["inside"]);
    }

    [Fact]
    public async Task BodyAsFile_WithoutAPack_IsRefused()
    {
        using var plain = new StubFixture();
        var added = await plain.Send("POST", "/__admin/mappings", Mapping("/pw", """{"StatusCode": 200, "BodyAsFile": "/etc/passwd"}"""));

        Assert.Equal(400, added.Status);
        Assert.Contains("no pack is loaded", added.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "proxying to 169.254.169.254 is off")]
    [InlineData("http://localhost:22/", "proxying to localhost is off")]
    [InlineData("file:///etc/passwd", "an absolute http(s) URL is required")]
    public async Task ProxyUrl_ToAHostNotAllowed_IsRefused(string url, string words)
    {
        var added = await _stub.Send("POST", "/__admin/mappings", Mapping("/proxy", $$"""{"ProxyUrl": "{{url}}"}"""));

        Assert.Equal(400, added.Status);
        Assert.Contains(words, added.Text, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
    }

    [Fact]
    public async Task ProxyUrl_ToAnAllowedHost_IsAccepted()
    {
        var added = await _stub.Send("POST", "/__admin/mappings", Mapping("/proxy", """{"ProxyUrl": "http://allowed.example/"}"""));

        Assert.Equal(201, added.Status);
    }

    [Theory]
    [InlineData("POST", "/__admin/files/x.txt")]
    [InlineData("PUT", "/__admin/files/x.txt")]
    [InlineData("GET", "/__admin/files/x.txt")]
    [InlineData("POST", "/__admin/mappings/save")]
    [InlineData("POST", "/__admin/mappings/reloadStaticMappings")]
    [InlineData("POST", "/__admin/mappings/reset?reloadStaticMappings=true")]
    [InlineData("POST", "/__admin/openapi/save")]
    public async Task FileRoutes_AreOff_AndWriteNothing(string method, string path)
    {
        var folder = Directory.GetCurrentDirectory();
        var before = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length;
        var answer = await _stub.Send(method, path, "hello");

        Assert.Equal(403, answer.Status);
        Assert.Contains("is turned off in this stub", answer.Text, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length);
        Assert.False(Directory.Exists(Path.Combine(folder, "__admin")));
    }

    [Theory]
    [InlineData("""{"Request": {"Path": "/s"}, "Response": {"Body": "x"}, "SaveToFile": true}""", "/SaveToFile: saving mappings to disk is off")]
    [InlineData("""{"Request": {"Path": "/s"}, "Response": {"Body": "x"}, "Webhook": {"Request": {"Url": "http://169.254.169.254/", "Method": "post"}}}""", "webhooks")]
    [InlineData("""{"Request": {"Path": "/s", "Body": {"Matcher": {"Name": "ExactMatcher", "PatternAsFile": "/etc/passwd"}}}, "Response": {"Body": "x"}}""", "matchers may not read files")]
    [InlineData("""{"Request": {"Path": "/s", "Body": {"Matcher": {"Name": "JsonPartialMatcher", "Pattern": {"a": "^.*$"}, "Regex": true}}}, "Response": {"Body": "x"}}""", "use a RegexMatcher instead")]
    [InlineData("""[{"Request": {"Path": "/a"}, "Response": {"Body": "x"}}, {"Request": {"Path": "/b"}, "Response": {"BodyAsFile": "/etc/shadow"}}]""", "/1/Response/BodyAsFile")]
    public async Task OtherWaysToReachFilesOrOtherHosts_AreRefused(string mapping, string words)
    {
        var answer = await _stub.Send("POST", "/__admin/mappings", mapping);

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
    }

    [Theory]
    [InlineData("""{"ProxyAndRecordSettings": {"Url": "http://169.254.169.254", "SaveMapping": true}}""", "ProxyAndRecordSettings: cannot be changed")]
    [InlineData("""{"ReadStaticMappings": true}""", "ReadStaticMappings: cannot be changed")]
    [InlineData("""{"SaveUnmatchedRequests": true}""", "SaveUnmatchedRequests: cannot be changed")]
    [InlineData("""{"DisableRequestBodyDecompressing": false}""", "DisableRequestBodyDecompressing: cannot be changed")]
    public async Task SettingsThatReachDiskOrOtherHosts_AreRefused(string settings, string words)
    {
        var answer = await _stub.Send("PUT", "/__admin/settings", settings);

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminReset_PutsThePacksMappingsBack_AndClearsTheLogs()
    {
        await _stub.Send("POST", "/__admin/mappings", Mapping("/extra", """{"StatusCode": 202, "Body": "x"}"""));
        var before = await _stub.Get("/extra");

        var reset = await _stub.Send("POST", "/__admin/reset");
        var extra = await _stub.Get("/extra");

        Assert.Equal(200, reset.Status);
        Assert.Equal(202, before.Status);
        Assert.NotEqual(202, extra.Status);
        Assert.Single(_stub.Server.Journal.Newest());
    }

    private sealed class PackFixture(StubServerOptions options) : StubFixture(options);
}
