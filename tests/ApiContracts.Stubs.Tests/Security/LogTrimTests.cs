using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 7: bounding WireMock's log cut the answer itself: a pack body of 30,000 characters
/// reached the client as 16,423 bytes ending in "[truncated: ...]", and the mapping stayed cut for every later
/// request. Now only the log's copy is cut.
/// </summary>
public sealed class LogTrimTests : IDisposable
{
    private static readonly string Big = "{\"pad\":\"" + new string('p', 30_000) + "\"}";
    private readonly TempPack _pack;
    private readonly ServerWith _stub;

    public LogTrimTests()
    {
        _pack = new TempPack(
            mappings: new Dictionary<string, string> { ["big.json"] = """{"request":{"method":"GET","urlPath":"/big"},"response":{"status":200,"bodyFileName":"big.json"}}""" },
            files: new Dictionary<string, string> { ["big.json"] = Big });
        _stub = new ServerWith(new StubServerOptions { Port = 0, Pack = _pack.Folder });
    }

    public void Dispose()
    {
        _stub.Dispose();
        _pack.Dispose();
    }

    [Fact]
    public async Task APacksLargeBody_ReachesTheClientWhole_EveryTime_WhileTheLogKeepsAtMost16KiB()
    {
        for (var i = 0; i < 3; i++)
        {
            var answer = await _stub.Get("/big");
            Assert.Equal(200, answer.Status);
            Assert.Equal(Big, answer.Text);
        }

        AssertLogCut("/big", Big.Length);
    }

    [Fact]
    public async Task APostedLargeBody_ReachesTheClientWhole_EveryTime_WhileTheLogKeepsAtMost16KiB()
    {
        var body = new string('q', 20_000);
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", $$$"""{"Request":{"Path":"/posted"},"Response":{"Body":"{{{body}}}"}}""")).Status);

        for (var i = 0; i < 3; i++)
        {
            var answer = await _stub.Get("/posted");
            Assert.Equal(body, answer.Text);
        }

        AssertLogCut("/posted", body.Length);
    }

    private void AssertLogCut(string path, int length)
    {
        var logged = _stub.Server.WireMock.LogEntries.Where(e => e.RequestMessage?.Path == path).ToList();
        Assert.Equal(3, logged.Count);
        foreach (var entry in logged)
        {
            var kept = entry.ResponseMessage!.BodyData!.BodyAsString!;
            Assert.True(kept.Length < JournalEntry.MaxBodyBytes + 100, $"{kept.Length} characters kept");
            Assert.Contains($"[truncated: {length} bytes", kept, StringComparison.Ordinal);
        }

        Assert.All(_stub.Server.Journal.Newest().Where(e => e.Url == path), e => Assert.True(e.ResponseBody.Truncated));
    }
}
