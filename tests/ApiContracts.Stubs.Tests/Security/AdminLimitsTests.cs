using System.Text;
using ApiContracts.Stubs.Hosting;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, findings 5 and 13: the 1 MiB limit covered only two admin routes (the request search read
/// 50 MB bodies); the number of mappings had no bound (10x10,000 took 1.77 GB); a global delay of 2^31 ms hung
/// every API request and <c>/__stub/reset</c> did not undo it; a mapping delay had no bound; requests could be
/// made to wait for each other (HandleRequestsSynchronously).
/// </summary>
public sealed class AdminLimitsTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Theory]
    [InlineData("POST", "/__admin/requests/find")]
    [InlineData("POST", "/__admin/requests/count")]
    [InlineData("PUT", "/__admin/scenarios/x/state")]
    [InlineData("DELETE", "/__admin/mappings")]
    [InlineData("PUT", "/__admin/mappings/0b5c7a6e-0a0b-4c6e-9d1e-2f3a4b5c6d7e")]
    [InlineData("POST", "/__admin/mappings/reset")]
    [InlineData("POST", "/__admin/requests/reset")]
    [InlineData("DELETE", "/__admin/requests")]
    [InlineData("GET", "/__admin/health")]
    public async Task EveryAdminBodyOverTheLimit_Gets413(string method, string path)
    {
        var answer = await _stub.Send(method, path, "[" + new string(' ', AdminGuard.MaxBodyBytes) + "]");

        Assert.Equal(413, answer.Status);
        Assert.Equal("STUB.TooLarge", (string?)answer.Body!["error"]!["code"]);
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
    }

    private static string Mappings(int from, int count) =>
        "[" + string.Join(',', Enumerable.Range(from, count).Select(i => $$$"""{"Request":{"Path":{"Matchers":[{"Name":"ExactMatcher","Pattern":"/m{{{i}}}"}]}},"Response":{"Body":"{{{i}}}"}}""")) + "]";

    [Fact]
    public async Task TheNumberOfPostedMappings_IsBounded_AndDeletingOrResettingMakesRoom()
    {
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", Mappings(0, MappingBudget.MaxMappings))).Status);

        var over = await _stub.Send("POST", "/__admin/mappings", Mappings(5000, 1));
        var listed = (await _stub.Get("/__admin/mappings")).Body!.AsArray();
        var one = (string)listed.First(m => (string?)m!["Response"]!["Body"] == "7")!["Guid"]!;
        var deleted = await _stub.Send("DELETE", "/__admin/mappings/" + one);
        var afterDelete = await _stub.Send("POST", "/__admin/mappings", Mappings(5000, 1));
        var full = await _stub.Send("POST", "/__admin/mappings", Mappings(6000, 1));
        await _stub.Send("POST", "/__admin/reset");
        var afterReset = await _stub.Send("POST", "/__admin/mappings", Mappings(7000, 1));

        Assert.Equal(413, over.Status);
        Assert.Contains($"at most {MappingBudget.MaxMappings} mappings", over.Text, StringComparison.Ordinal);
        Assert.Equal(200, deleted.Status);
        Assert.Equal(201, afterDelete.Status);
        Assert.Equal(413, full.Status);
        Assert.Equal(201, afterReset.Status);
        Assert.Equal("7000", (await _stub.Get("/m7000")).Text);
        Assert.Equal(404, (await _stub.Get("/m5000")).Status); // gone with the reset
    }

    [Fact]
    public async Task ReplacingAMapping_DoesNotCountTwice()
    {
        var guid = "0b5c7a6e-0a0b-4c6e-9d1e-2f3a4b5c6d7e";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await _stub.Send("PUT", "/__admin/mappings/" + guid, """{"Request":{"Path":"/r"},"Response":{"Body":"r"}}""")).Status);
        }

        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", Mappings(0, MappingBudget.MaxMappings - 1))).Status);
        Assert.Equal(413, (await _stub.Send("POST", "/__admin/mappings", Mappings(5000, 1))).Status);
    }

    [Fact]
    public void TheBytesOfPostedMappings_AreBounded()
    {
        var budget = new MappingBudget();
        var held = new HashSet<Guid>();
        var mib = 1L << 20;
        for (var i = 0; i < 63; i++)
        {
            var one = new List<(Guid, long)> { (new Guid(i + 1, 0, 0, new byte[8]), mib) };
            Assert.Null(budget.Admit(one, held));
            budget.Add(one);
            held.Add(one[0].Item1);
        }

        var tooMuch = budget.Admit([(new Guid(100, 0, 0, new byte[8]), 2 * mib)], held);
        held.Clear();
        var afterAllWereDeleted = budget.Admit([(new Guid(100, 0, 0, new byte[8]), 2 * mib)], held);

        Assert.NotNull(tooMuch);
        Assert.Contains("at most 64 MiB", tooMuch, StringComparison.Ordinal);
        Assert.Null(afterAllWereDeleted);
    }

    [Theory]
    [InlineData("""{"GlobalProcessingDelay": 2147483647}""", "GlobalProcessingDelay 2147483647: must be 0..600000 ms")]
    [InlineData("""{"GlobalProcessingDelay": 600001}""", "GlobalProcessingDelay 600001: must be 0..600000 ms")]
    [InlineData("""{"GlobalProcessingDelay": -1}""", "GlobalProcessingDelay -1: must be 0..600000 ms")]
    [InlineData("""{"HandleRequestsSynchronously": true}""", "HandleRequestsSynchronously: cannot be changed")]
    [InlineData("""{"DisableJsonBodyParsing": true}""", "DisableJsonBodyParsing: cannot be changed")]
    public async Task SettingsThatHangOrSerialiseEveryRequest_AreRefused(string settings, string words)
    {
        var answer = await _stub.Send("PUT", "/__admin/settings", settings);
        var now = (await _stub.Get("/__admin/settings")).Body!;

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.NotEqual(true, (bool?)now["HandleRequestsSynchronously"]);
        Assert.True(now["GlobalProcessingDelay"] is null || (int)now["GlobalProcessingDelay"]! <= AdminGuard.MaxDelayMilliseconds);
    }

    [Theory]
    [InlineData("""{"Delay": 2147483647}""", "/Response/Delay 2147483647")]
    [InlineData("""{"Delay": 600001}""", "/Response/Delay 600001")]
    [InlineData("""{"MinimumRandomDelay": 0, "MaximumRandomDelay": 2147483647}""", "/Response/MaximumRandomDelay 2147483647")]
    [InlineData("""{"MinimumRandomDelay": 70000}""", "/Response/MinimumRandomDelay: must not exceed MaximumRandomDelay")]
    [InlineData("""{"Delay": -5}""", "/Response/Delay -5")]
    public async Task MappingDelaysBeyond600000Ms_AreRefused(string delay, string words)
    {
        var response = delay.TrimEnd('}') + """, "Body": "slow"}""";
        var answer = await _stub.Send("POST", "/__admin/mappings", """{"Request":{"Path":"/slow"},"Response":""" + response + "}");

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StubReset_PutsWireMocksSettingsBack()
    {
        // With a mapping posted, API requests go through WireMock, where the global delay applies.
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", """{"Request":{"Path":"/x"},"Response":{"Body":"x"}}""")).Status);
        Assert.Equal(200, (await _stub.Send("PUT", "/__admin/settings", """{"GlobalProcessingDelay": 600000, "MaxRequestLogCount": 5, "AllowPartialMapping": true}""")).Status);
        var changed = (await _stub.Get("/__admin/settings")).Body!;

        var reset = await _stub.Send("POST", "/__stub/reset");
        var restored = (await _stub.Get("/__admin/settings")).Body!;
        var api = await _stub.Get(Evs); // would wait ten minutes (past the client's 30 s) with the delay still on

        Assert.Equal(600000, (int)changed["GlobalProcessingDelay"]!);
        Assert.Equal(200, reset.Status);
        Assert.Equal("no-store", reset.Response.Headers.CacheControl?.ToString());
        Assert.Equal(0, (int?)restored["GlobalProcessingDelay"] ?? 0);
        Assert.Equal(1000, (int)restored["MaxRequestLogCount"]!);
        Assert.NotEqual(true, (bool?)restored["AllowPartialMapping"]);
        Assert.Equal(1000, _stub.Server.Journal.Capacity);
        Assert.Equal(200, api.Status);
    }
}
