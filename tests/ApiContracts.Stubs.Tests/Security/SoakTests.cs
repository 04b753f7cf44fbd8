using System.Diagnostics;
using System.Text;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// A short soak of random hostile requests (the long one is bench/soak.sh): no answer is a 5xx, and the
/// heap after it is within a bound of the heap before.
/// </summary>
public sealed class SoakTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task RandomHostileRequests_ForAFewSeconds_GetNo5xx_AndLeaveTheHeapBounded()
    {
        var random = new Random(20261123);
        var token = _stub.Server.AdminToken;
        await _stub.Send("POST", "/__admin/mappings", """{"Request": {"Path": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "^/redos/(a+)+$"}]}}, "Response": {"Body": "x"}}""");
        for (var i = 0; i < 50; i++) await Send(Hostile(random, token));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var statuses = new Dictionary<int, int>();
        var sent = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(4) || sent < 200)
        {
            var batch = Enumerable.Range(0, 8).Select(_ => Send(Hostile(random, token))).ToList();
            foreach (var (status, text, what) in await Task.WhenAll(batch))
            {
                sent++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                Assert.True(status < 500, $"{what} -> {status} {text[..Math.Min(text.Length, 300)]}");
                Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 96L << 20, $"heap grew by {(after - before) >> 20} MiB over {sent} requests");
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 3, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
    }

    private async Task<(int Status, string Text, string What)> Send((string Method, string Url, string? Body, Dictionary<string, string> Headers) r)
    {
        var answer = await _stub.Send(r.Method, r.Url, r.Body, credential: r.Headers.Count == 0, headers: r.Headers, admin: r.Headers.ContainsKey("admin"));
        return (answer.Status, answer.Text, $"{r.Method} {r.Url[..Math.Min(r.Url.Length, 120)]}");
    }

    private static (string Method, string Url, string? Body, Dictionary<string, string> Headers) Hostile(Random random, string token)
    {
        string[] urls =
        [
            Snapshots, ActionUrl, Histories, Dsw, Evs, "/__stub/requests", "/__stub/scenario", "/__stub/reseed", "/__stub/provider-states",
            "/__admin/mappings", "/__admin/settings", "/__admin/requests", "/__admin/files/x", "/__admin/mappings/save", "/redos/" + new string('a', 30) + "!",
            "/__stub/fixtures?api=evs-snapshots-detail&count=5", "/%2e%2e/%2e%2e/etc/passwd", "/" + new string('b', 3000),
        ];
        string[] bodies =
        [
            "", "{", "null", "[]", "{\"action\":\"\\ud800\"}", "{\"default\":\"error-404\"}", "{\"seed\":-1,\"size\":99999999999}",
            "{\"MaxRequestLogCount\":1000000}", "{\"Request\":{\"Path\":\"/p\"},\"Response\":{\"BodyAsFile\":\"/etc/passwd\"}}",
            "{\"Request\":{\"Path\":\"/q\"},\"Response\":{\"ProxyUrl\":\"http://169.254.169.254\"}}", "{\"action\":\"setup\",\"params\":{\"instance_id\":\"x\",\"size\":9223372036854775807}}",
            new string('[', 5000), "{\"action\":\"scale\",\"parameters\":{\"replica\":3},\"pad\":\"" + new string('p', 40_000) + "\"}",
            Encoding.Latin1.GetString([0xff, 0xfe, 0xc3, 0x28]),
        ];
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
        var url = urls[random.Next(urls.Length)] + (random.Next(3) == 0 ? "?limit=" + random.Next(-5, 2000) + "&offset=" + random.NextInt64() : string.Empty);
        var headers = new Dictionary<string, string>();
        switch (random.Next(6))
        {
            case 0: headers["X-Auth-Token"] = "t"; headers["X-Stub-Scenario"] = random.Next(2) == 0 ? "empty" : "bogus"; break;
            case 1: headers["Origin"] = "null"; headers["X-Auth-Token"] = "t"; break;
            case 2: headers["admin"] = "yes"; break;
            case 3: headers["Authorization"] = "Bearer " + token[..10]; break;
        }

        return (methods[random.Next(methods.Length)], url, bodies[random.Next(bodies.Length)], headers);
    }
}
