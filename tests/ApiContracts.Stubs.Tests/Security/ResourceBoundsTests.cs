using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Issue 10, point 3: the journal and WireMock's log stay bounded in entries and bytes, MaxRequestLogCount
/// cannot lift the bound, admin bodies over the limit get 413, regex matchers stop after 100 ms, an
/// abandoned fixture download stops, and dataset sizes stay within the documented maximum.
/// </summary>
public sealed class ResourceBoundsTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task Journal_KeepsAtMost16KiBOfEachBody_MarkingTheCut()
    {
        var big = "{\"action\": \"scale\", \"parameters\": {\"replica\": 3}, \"pad\": \"" + new string('x', 200_000) + "\"}";
        await _stub.Send("POST", ActionUrl, big);
        var entry = _stub.Server.Journal.Newest()[0];
        var listed = (await _stub.Get("/__stub/requests")).Body!["requests"]![0]!;

        Assert.Equal(JournalEntry.MaxBodyBytes, entry.RequestBody.Kept.Length);
        Assert.Equal(Encoding.UTF8.GetByteCount(big), entry.RequestBody.Length);
        Assert.True((bool)listed["requestBodyTruncated"]!);
        Assert.Contains("[truncated: ", (string)listed["requestBody"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WireMocksLog_KeepsAtMost16KiBOfEachBody_Too()
    {
        await _stub.Send("POST", "/__admin/mappings", """{"Request": {"Path": "/sink", "Methods": ["POST"]}, "Response": {"StatusCode": 200, "Body": "ok"}}""");
        await _stub.Send("POST", "/sink", new string('y', 500_000));

        var log = (await _stub.Get("/__admin/requests")).Body!.AsArray();
        var body = (string)log.Single(e => (string?)e!["Request"]!["Path"] == "/sink")!["Request"]!["Body"]!;

        Assert.True(body.Length < JournalEntry.MaxBodyBytes + 100, $"{body.Length} characters kept");
        Assert.Contains("[truncated: 500000 bytes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyLargeBodies_LeaveTheHeapBounded()
    {
        var body = new string('z', (1 << 20) - 100);
        for (var i = 0; i < 20; i++) await _stub.Send("POST", ActionUrl, body); // warm up
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 400; i++) await _stub.Send("POST", ActionUrl, body);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        // 400 MiB were posted; 1000 entries of at most 16 KiB each are what may stay.
        Assert.True(after - before < 64L << 20, $"heap grew by {(after - before) >> 20} MiB");
        Assert.Equal(420, _stub.Server.Journal.Newest().Count);
    }

    [Theory]
    [InlineData("""{"MaxRequestLogCount": 1000000}""")]
    [InlineData("""{"MaxRequestLogCount": 0}""")]
    [InlineData("""{"MaxRequestLogCount": "lots"}""")]
    public async Task MaxRequestLogCount_CannotLiftTheBound(string settings)
    {
        var answer = await _stub.Send("PUT", "/__admin/settings", settings);
        var now = await _stub.Get("/__admin/settings");

        Assert.Equal(400, answer.Status);
        Assert.Contains($"must be 1..{StubServerOptions.MaxJournalSize}", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1000, (int)now.Body!["MaxRequestLogCount"]!);
    }

    [Fact]
    public async Task Settings_LeavingTheCountOut_KeepTheBound_AndASmallerCountShrinksTheJournal()
    {
        Assert.Equal(200, (await _stub.Send("PUT", "/__admin/settings", """{"AllowPartialMapping": false}""")).Status);
        Assert.Equal(1000, (int)(await _stub.Get("/__admin/settings")).Body!["MaxRequestLogCount"]!);

        Assert.Equal(200, (await _stub.Send("PUT", "/__admin/settings", """{"MaxRequestLogCount": 3}""")).Status);
        for (var i = 0; i < 6; i++) await _stub.Get(Evs);

        Assert.Equal(3, _stub.Server.Journal.Capacity);
        Assert.Equal(3, _stub.Server.Journal.Newest().Count);
        Assert.Equal(3, (int)(await _stub.Get("/__admin/settings")).Body!["MaxRequestLogCount"]!);
    }

    [Theory]
    [InlineData("POST", "/__admin/mappings", (1 << 20) + 1)]
    [InlineData("PUT", "/__admin/settings", (1 << 20) + 1)]
    [InlineData("PUT", "/__stub/scenario", (64 * 1024) + 1)]
    [InlineData("POST", "/__stub/provider-states", (64 * 1024) + 1)]
    public async Task AdminBodies_OverTheLimit_Get413(string method, string path, int size)
    {
        var answer = await _stub.Send(method, path, "[" + new string(' ', size) + "]");

        Assert.Equal(413, answer.Status);
        Assert.Equal("STUB.TooLarge", (string?)answer.Body!["error"]!["code"]);
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
    }

    [Theory]
    [InlineData("""{"Request": {"Path": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "^/redos/(a+)+$"}]}, "Methods": ["GET"]}, "Response": {"StatusCode": 200, "Body": "matched"}}""", "RegexMatcher")]
    [InlineData("""{"Request": {"Path": "/redos/*a*a*a*a*a*a*a*a*a*a*a*a*b", "Methods": ["GET"]}, "Response": {"StatusCode": 200, "Body": "matched"}}""", "WildcardMatcher")]
    [InlineData("""{"Request": {"Headers": [{"Name": "X-Redos", "Matchers": [{"Name": "RegexMatcher", "Pattern": "^(a|aa)+$", "RejectOnMatch": true}]}]}, "Response": {"StatusCode": 200, "Body": "matched"}}""", "RegexMatcher")]
    public async Task CatastrophicPatterns_StopAfterTheTimeLimit_AsNoMatch_NotedInTheJournal(string mapping, string matcher)
    {
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", mapping)).Status);
        var listed = await _stub.Get("/__admin/mappings");

        var answer = await _stub.Get("/redos/" + new string('a', 40) + "!", headers: new Dictionary<string, string> { ["X-Redos"] = new string('a', 60) + "!" });
        var entry = _stub.Server.Journal.Newest()[0];

        Assert.Contains($"\"Name\":\"{matcher}\"", listed.Text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // shown under WireMock's own name
        Assert.NotEqual("matched", answer.Text);
        Assert.Equal(404, answer.Status); // no mapping matched: the datasets answer an unknown path
        Assert.Contains(entry.Notes, n => n.Contains("ran longer than 100 ms", StringComparison.Ordinal) && n.Contains("counted as no match", StringComparison.Ordinal));
        var journal = (await _stub.Get("/__stub/requests?limit=1")).Body!["requests"]![0]!["notes"]!.AsArray();
        Assert.NotEmpty(journal);
    }

    [Fact]
    public async Task AbandonedFixtureDownload_Stops()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_stub.Server.Url) };
        using (var response = await client.GetAsync(new Uri("/__stub/fixtures?api=evs-snapshots-detail&count=1000000&format=ndjson", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            Assert.True(await body.ReadAsync(buffer) > 0);
        }

        // The client is gone; the export must notice at its next write instead of generating the rest.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (StubAdmin.ExportsRunning > 0) await Task.Delay(50, cancel.Token);
        Assert.True(StubAdmin.LastExportStoppedEarly, "the export ran to its end");
    }

    [Theory]
    [InlineData("POST", "/__stub/provider-states", """{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "i", "size": 9223372036854775807}}""", "must be a whole number 0..1000000000")]
    [InlineData("POST", "/__stub/provider-states", """{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "i", "size": "1000000001"}}""", "must be a whole number 0..1000000000")]
    [InlineData("POST", "/__stub/reseed", """{"size": 9223372036854775807}""", "at most 1000000000 records")]
    public async Task DatasetSizes_AreBoundedToTheDocumentedMaximum(string method, string path, string body, string words)
    {
        var answer = await _stub.Send(method, path, body);

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLargestDataset_AnswersDeepOffsets_AsDocumented()
    {
        var instance = "00000000-aaaa-4bbb-8ccc-00000000000b";
        Assert.Equal(200, (await _stub.Send("POST", "/__stub/provider-states", $$$"""{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "{{{instance}}}", "size": 1000000000}}""")).Status);
        var url = Snapshots.Replace(Instance, instance, StringComparison.Ordinal);

        var last = await _stub.Get(url + "?offset=999999999&limit=1");
        var past = await _stub.Get(url + "?offset=9223372036854775807&limit=1");

        Assert.Equal(200, last.Status);
        Assert.Single(last.Body!["snapshots"]!.AsArray());
        Assert.Equal(1000000000, (long)last.Body["count"]!);
        Assert.True(past.Status is 200 or 400, past.Text);
        Assert.DoesNotContain("Exception", past.Text, StringComparison.Ordinal);
    }
}
