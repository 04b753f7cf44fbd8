using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using ApiContracts.Stubs.Packs;

namespace ApiContracts.Stubs.Tests;

public sealed class PackTests
{
    public static TheoryData<string> Providers() => new("servicestage", "pai-dsw", "evs");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GeneratedPack_AnswersLikeTheDynamicServer_ForEveryRequestItHolds(string provider)
    {
        var folder = Path.Combine(Repo.Root, "fixtures", "stubs", provider);
        using var pack = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = folder });
        using var dynamic = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Settings = new StubSettings { Seed = PackWriter.PackSeed, Size = PackWriter.PackSize, SlowMilliseconds = 0 } });
        using var client = new HttpClient();
        var mappings = Directory.GetFiles(Path.Combine(folder, "mappings"), "*.json").Order(StringComparer.Ordinal).ToList();

        Assert.True(pack.PackCount == mappings.Count && mappings.Count >= 12, $"{pack.PackCount} stubs loaded from {mappings.Count} files");
        foreach (var file in mappings)
        {
            var mapping = JsonNode.Parse(File.ReadAllText(file))!;
            var clock = Stopwatch.StartNew();
            var fromPack = await Send(client, pack.Url, mapping);
            var packMs = clock.ElapsedMilliseconds;
            var fromDynamic = await Send(client, dynamic.Url, mapping);

            Assert.True(fromPack.Status == fromDynamic.Status, $"{Path.GetFileName(file)}: pack {fromPack.Status}, dynamic {fromDynamic.Status}\n{fromDynamic.Body}");
            Assert.Equal(Normalize(fromDynamic.Body, dynamic.Url), Normalize(fromPack.Body, pack.Url));
            LinksPointAt(pack.Url, fromPack.Body, file);
            if (mapping["response"]!["fixedDelayMilliseconds"] is { } delay) Assert.True(packMs >= (int)delay - 20, $"{file}: answered in {packMs} ms");
        }

        Assert.All(pack.Journal.Newest(), e => Assert.Equal("wiremock", e.Via));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GeneratedPack_RunsUnchangedInWireMockJava_AndAnswersAsOurServerDoes(string provider)
    {
        var folder = Path.Combine(Repo.Root, "fixtures", "stubs", provider);
        using var ours = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = folder });
        await using var java = await WireMockJava.Start(folder);
        using var client = new HttpClient();
        Assert.NotEqual(java.Url, ours.Url);

        var links = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "mappings"), "*.json").Order(StringComparer.Ordinal))
        {
            var mapping = JsonNode.Parse(File.ReadAllText(file))!;
            var fromJava = await Send(client, java.Url, mapping);
            var fromOurs = await Send(client, ours.Url, mapping);

            Assert.True(fromJava.Status == fromOurs.Status, $"{Path.GetFileName(file)}: WireMock Java {fromJava.Status}, ours {fromOurs.Status}\n{fromJava.Body}");
            Assert.Equal(Normalize(fromJava.Body, java.Url), Normalize(fromOurs.Body, ours.Url));
            links += LinksPointAt(java.Url, fromJava.Body, file);
            LinksPointAt(ours.Url, fromOurs.Body, file);
        }

        // EVS pages carry next links, built by each server from its own base URL; the other packs have none.
        if (provider == "evs") Assert.True(links >= 2, $"{links} next links seen");

        // The README's --enable-stub-cors: a page on another origin can read WireMock Java's answers (here the
        // missing-credential stub's, as the request carries no credential).
        var path = (string)JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(folder, "mappings"), "*.json").Order(StringComparer.Ordinal).First()))!["request"]!["urlPath"]!;
        using var fromPage = new HttpRequestMessage(HttpMethod.Get, java.Url + path);
        fromPage.Headers.Add("Origin", "http://localhost:5173");
        using var answer = await client.SendAsync(fromPage);
        Assert.Equal(401, (int)answer.StatusCode);
        Assert.True(answer.Headers.Contains("Access-Control-Allow-Origin"), $"no CORS header from WireMock Java: {answer.Headers}");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void GeneratedPacks_AskForAHeader_OnlyWhereTheStubEnforcesIt_NeverContentTypeOnAGet(string provider)
    {
        var folder = Path.Combine(Repo.Root, "fixtures", "stubs", provider);
        var seen = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "mappings"), "*.json"))
        {
            var request = JsonNode.Parse(File.ReadAllText(file))!["request"]!;
            var api = Repo.Catalog.Apis.Single(a => a.Id == Path.GetFileName(file).Split("--")[0]);
            var required = Core.Validation.RequestChecks.RequiredHeaders(api).Select(f => f.Name).ToList();
            foreach (var (name, pattern) in request["headers"] as JsonObject ?? [])
            {
                if (name == api.Auth.Header || name == Scenarios.Header) continue;
                seen++;
                Assert.True(required.Contains(name), $"{Path.GetFileName(file)} asks for header {name}, which the stub does not enforce on {api.Id}");
                Assert.NotEqual("GET", (string?)request["method"]);
                Assert.True(pattern!["matches"] is not null || pattern["absent"] is not null, $"{Path.GetFileName(file)}: {name} {pattern.ToJsonString()}");
            }
        }

        // Only the action API (a POST with a body) makes a pack ask for Content-Type.
        Assert.Equal(provider == "servicestage", seen > 0);
    }

    [Fact]
    public async Task GeneratedPack_SlowMapping_DelaysOnce_WithoutTheServersSlowScenarioOnTop()
    {
        var folder = Path.Combine(Repo.Root, "fixtures", "stubs", "servicestage");
        using var pack = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = folder, Settings = new StubSettings { SlowMilliseconds = 5000 } });
        using var client = new HttpClient();
        var mapping = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "mappings", "servicestage-instance-snapshots--scenario-slow.json")))!;
        var delay = (int)mapping["response"]!["fixedDelayMilliseconds"]!;
        await client.GetStringAsync(new Uri(pack.Url + "/__stub/settings")); // the connection, warm

        var clock = Stopwatch.StartNew();
        var answer = await Send(client, pack.Url, mapping);
        var ms = clock.ElapsedMilliseconds;

        Assert.Equal(200, answer.Status);
        // The pack's 2000 ms alone; both delays would take 7000 ms. A timer may fire a few ms early, and a
        // loaded CI machine can add a second or more, so the bound sits well between the two.
        Assert.True(ms >= delay - 10 && ms < 5500, $"answered in {ms} ms");
        Assert.Equal("wiremock", Assert.Single(pack.Journal.Newest()).Via);
    }

    [Theory]
    [InlineData("matches", "a|ab", "ab", true)]
    [InlineData("matches", "a|ab", "a", true)]
    [InlineData("matches", "a|ab", "abc", false)]
    [InlineData("matches", "a|ab", "ab\n", false)]
    [InlineData("doesNotMatch", "a|ab", "ab", false)]
    [InlineData("doesNotMatch", "a|ab", "abc", true)]
    public void RegexConditions_MatchTheWholeValue_ByAnyAlternative_AsWireMockJavaDoes(string kind, string pattern, string value, bool expected)
    {
        var condition = StringCondition.Parse(new JsonObject { [kind] = pattern }, "test");

        Assert.Equal(expected, condition.Matches(value));
    }

    [Fact]
    public void EqualToJson_IgnoresOrderAndLayout_AndNeverMatchesText()
    {
        var condition = StringCondition.Parse(new JsonObject { ["equalToJson"] = new JsonObject { ["a"] = 1, ["b"] = new JsonArray(2) } }, "test");

        Assert.True(condition.Matches("""{ "b": [2], "a": 1 }"""));
        Assert.False(condition.Matches("""{"a": 1, "b": [3]}"""));
        Assert.False(condition.Matches("not json"));
    }

    [Fact]
    public async Task Loader_HonoursPriorityContainsAbsentDelayAndFiles()
    {
        var folder = Directory.CreateTempSubdirectory("apicontracts-pack").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "mappings"));
            Directory.CreateDirectory(Path.Combine(folder, "__files", "bodies"));
            File.WriteAllText(Path.Combine(folder, "__files", "bodies", "from-file.json"), """{"from": "file"}""");
            File.WriteAllText(Path.Combine(folder, "mappings", "stubs.json"), """
            {"mappings": [
              {"priority": 9, "request": {"method": "GET", "urlPath": "/things"}, "response": {"status": 200, "body": "low"}},
              {"priority": 1, "request": {"method": "GET", "urlPath": "/things", "headers": {"Accept": {"contains": "json"}}}, "response": {"status": 200, "bodyFileName": "bodies/from-file.json"}},
              {"priority": 2, "request": {"method": "GET", "urlPath": "/things", "queryParameters": {"page": {"absent": true}, "q": {"equalTo": "x"}}}, "response": {"status": 202, "body": "no page"}},
              {"request": {"method": "GET", "urlPathPattern": "/slow/[0-9]+"}, "response": {"status": 200, "body": "slow", "fixedDelayMilliseconds": 300}},
              {"request": {"method": "POST", "urlPath": "/things", "bodyPatterns": [{"equalToJson": {"a": 1, "b": [2]}}]}, "response": {"status": 201, "jsonBody": {"ok": true}}}
            ]}
            """);
            using var server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = folder });
            using var client = new HttpClient { BaseAddress = new Uri(server.Url) };

            using var json = new HttpRequestMessage(HttpMethod.Get, "/things");
            json.Headers.Add("Accept", "application/json");
            Assert.Equal("""{"from": "file"}""", await (await client.SendAsync(json)).Content.ReadAsStringAsync());
            var noPage = await client.GetAsync(new Uri("/things?q=x", UriKind.Relative));
            Assert.Equal(202, (int)noPage.StatusCode);
            Assert.Equal("low", await client.GetStringAsync(new Uri("/things?q=x&page=2", UriKind.Relative)));
            var clock = Stopwatch.StartNew();
            Assert.Equal("slow", await client.GetStringAsync(new Uri("/slow/42", UriKind.Relative)));
            Assert.True(clock.ElapsedMilliseconds >= 280, // a timer may fire a few ms early; no delay answers in under 50 ms
            $"slow stub answered in {clock.ElapsedMilliseconds} ms");
            var posted = await client.PostAsync(new Uri("/things", UriKind.Relative), new StringContent("""{ "b": [2], "a": 1 }"""));
            Assert.Equal(201, (int)posted.StatusCode);
            Assert.Equal(5, server.PackCount);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{"request": {"urlPath": "/x", "cookies": {}}, "response": {"status": 200}}""", "unsupported key 'cookies'")]
    [InlineData("""{"request": {"urlPath": "/x"}, "response": {"status": 200, "bodyFileName": "../../etc/passwd"}}""", "leaves the __files folder")]
    [InlineData("""{"request": {"urlPath": "/x", "headers": {"A": {"equalToXml": "<a/>"}}}, "response": {}}""", "unsupported pattern")]
    [InlineData("""{"request": {"urlPath": "/x"}""", "not valid JSON")]
    public void Loader_RejectsWhatItCannotHonour_NamingTheFile(string mapping, string words)
    {
        var folder = Directory.CreateTempSubdirectory("apicontracts-pack-bad").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "mappings"));
            File.WriteAllText(Path.Combine(folder, "mappings", "bad.json"), mapping);

            var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = folder }));

            Assert.Contains(words, ex.Message, StringComparison.Ordinal);
            Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The request a mapping stands for, as a client sends it: a GET with no body and so no Content-Type
    // (as axios and fetch send it), a body and its Content-Type only where the mapping asks for them.
    private static async Task<(int Status, string Body)> Send(HttpClient client, string baseUrl, JsonNode mapping)
    {
        var request = mapping["request"]!;
        var query = (request["queryParameters"] as JsonObject ?? [])
            .Where(kv => kv.Value!["equalTo"] is not null)
            .Select(kv => $"{kv.Key}={Uri.EscapeDataString((string)kv.Value!["equalTo"]!)}");
        var url = baseUrl + (string)request["urlPath"]! + (query.Any() ? "?" + string.Join('&', query) : string.Empty);
        using var message = new HttpRequestMessage(new HttpMethod((string)request["method"]!), url);
        var headers = request["headers"] as JsonObject ?? [];
        var credential = url.Contains("/api/v2/", StringComparison.Ordinal) ? "Authorization" : "X-Auth-Token";
        if (headers[credential]?["absent"] is null) message.Headers.TryAddWithoutValidation(credential, "pack-test");
        string? contentType = null;
        foreach (var (name, pattern) in headers)
        {
            var value = (string?)pattern!["equalTo"] ?? (pattern["matches"] is not null ? "application/json" : null);
            if (value is null) continue;
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else message.Headers.TryAddWithoutValidation(name, value);
        }

        if ((string?)request["bodyPatterns"]?[0]?["equalToJson"] is { } body)
        {
            message.Content = new StringContent(body);
            message.Content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        Assert.True(message.Content is not null || contentType is null, $"{mapping["name"]}: asks for Content-Type without a body");
        var response = await client.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // Pack bodies are pretty-printed and next links start with the answering server's base URL; compare the
    // JSON with that URL taken out, not the layout.
    private static string Normalize(string body, string baseUrl) =>
        JsonNode.Parse(body)!.ToJsonString().Replace(baseUrl + "/", "{base}/", StringComparison.Ordinal);

    // Every link in an answer starts with the base URL the request came to, rendered (no template left); returns how many.
    private static int LinksPointAt(string baseUrl, string body, string file)
    {
        Assert.DoesNotContain("{{", body, StringComparison.Ordinal);
        var links = Regex.Matches(body, "\"href\":\\s*\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(links, link => Assert.True(link.StartsWith(baseUrl + "/", StringComparison.Ordinal), $"{Path.GetFileName(file)}: {link} does not start with {baseUrl}/"));
        return links.Count;
    }
}
