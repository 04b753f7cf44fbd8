using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests;

/// <summary>Each test gets its own server: these change the server's settings.</summary>
public sealed class AdminTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    private Task<(int Status, JsonNode? Body, string Text, HttpResponseMessage Response)> Admin(string method, string path, string? body = null) =>
        _stub.Send(method, path, body, credential: false);

    [Fact]
    public async Task Parents_AreListedByApiId()
    {
        var parents = (await Admin("GET", "/__stub/parents")).Body!.AsObject();

        Assert.Equal(5, parents.Count);
        Assert.Equal(Instance, (string?)parents["servicestage-instance-snapshots"]![0]!["instance_id"]);
        Assert.Equal("dsw-730xxxxxxxxxx", (string?)parents["pai-dsw-instance-snapshots"]![0]!["InstanceId"]);
    }

    [Fact]
    public async Task Journal_ListsARequest_AsSoonAsItsAnswerArrives()
    {
        // The entry is written before the answer is sent, so a client never reads the journal ahead of its own request.
        for (var i = 0; i < 50; i++)
        {
            var marker = $"journal-probe-{i}";
            var answer = await _stub.Get($"{Evs}?limit=1&marker={marker}");
            var journal = (await Admin("GET", $"/__stub/requests?path={marker}")).Body!;

            Assert.Equal(400, answer.Status);
            Assert.Equal(1, (int)journal["total"]!);
            Assert.Equal(400, (int)journal["requests"]![0]!["status"]!);
        }
    }

    [Fact]
    public async Task Latency_IsAddedToApiAnswers()
    {
        Assert.Equal(200, (await Admin("PUT", "/__stub/latency", """{"min": 250, "max": 300}""")).Status);
        var clock = Stopwatch.StartNew();
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
        var slow = clock.ElapsedMilliseconds;
        await Admin("PUT", "/__stub/latency", """{"ms": 0}""");

        Assert.True(slow >= 240, $"answered in {slow} ms"); // a timer may fire a few ms early
        Assert.Equal(0, (int)(await Admin("GET", "/__stub/settings")).Body!["latency"]!["max"]!);
    }

    [Fact]
    public async Task FaultRate_One_AnswersEveryRequestWithTheApis500()
    {
        await Admin("PUT", "/__stub/faults", """{"rate": 1}""");
        var dsw = await _stub.Get(Dsw);
        var evs = await _stub.Get(Evs);
        await Admin("PUT", "/__stub/faults", """{"rate": 0}""");

        ErrorAssert.IsDocumented("pai-dsw-instance-snapshots", 500, dsw);
        ErrorAssert.IsDocumented("evs-snapshots-detail", 500, evs);
        Assert.Equal(200, (await _stub.Get(Evs)).Status);
    }

    [Fact]
    public async Task DefaultScenario_AppliesToRequestsThatNameNone()
    {
        await Admin("PUT", "/__stub/scenario", """{"default": "error-500"}""");
        var failing = await _stub.Get(Snapshots);
        var overridden = await _stub.Get(Snapshots, headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = "empty" });
        await Admin("PUT", "/__stub/scenario", """{"default": null}""");

        ErrorAssert.IsDocumented("servicestage-instance-snapshots", 500, failing);
        Assert.Equal(0, (int)overridden.Body!["count"]!);
        Assert.Equal(200, (await _stub.Get(Snapshots)).Status);
        Assert.Equal(400, (await Admin("PUT", "/__stub/scenario", """{"default": "bogus"}""")).Status);
    }

    [Fact]
    public async Task Reseed_ChangesTheDataButNotTheRules()
    {
        var before = await _stub.Get(Snapshots + "?limit=101");
        await Admin("POST", "/__stub/reseed", """{"seed": 99, "size": 40}""");
        var after = await _stub.Get(Snapshots + "?limit=101");

        Assert.NotEqual(before.Text, after.Text);
        Assert.Equal(10, after.Body!["snapshots"]!.AsArray().Count);
        Assert.Equal(40, (int)after.Body["count"]!);
    }

    [Fact]
    public async Task Reseed_WithTheEdgeProfile_ServesStressValues_AndTheDownloadTakesAProfile()
    {
        var realistic = await _stub.Get(Evs + "?limit=200");
        var settings = await Admin("POST", "/__stub/reseed", """{"size": 400, "profile": "edge"}""");
        var edge = await _stub.Get(Evs + "?limit=200");
        var download = await Admin("GET", "/__stub/fixtures?api=evs-snapshots-detail&count=60&format=ndjson&profile=edge");
        var plain = await Admin("GET", "/__stub/fixtures?api=evs-snapshots-detail&count=60&format=ndjson");

        Assert.Equal("edge", (string?)settings.Body!["profile"]);
        Assert.Equal("edge", (string?)(await _stub.Get("/__stub/settings")).Body!["profile"]);
        Assert.DoesNotContain(realistic.Body!["snapshots"]!.AsArray(), s => ((string)s!["name"]!).Length > 200);
        Assert.Contains(edge.Body!["snapshots"]!.AsArray(), s => ((string)s!["name"]!).Length == 4096);
        Assert.Contains(edge.Body["snapshots"]!.AsArray(), s => (string?)s!["status"] == "creating");
        // The filter counts what the profile deals: every status about equally often.
        var creating = await _stub.Get(Evs + "?status=creating&limit=1000");
        Assert.InRange((int)creating.Body!["count"]!, 40, 75);
        Assert.All(creating.Body["snapshots"]!.AsArray(), s => Assert.Equal("creating", (string?)s!["status"]));
        Assert.True(download.Text.Split('\n').Max(l => l.Length) > 4096, "the edge download holds the longest strings");
        Assert.True(plain.Text.Split('\n').Max(l => l.Length) < 1000, "the default download is realistic");
        Assert.Equal("realistic", (string?)(await Admin("POST", "/__stub/reset")).Body!["profile"]);
    }

    [Fact]
    public async Task ProviderStates_SetUpParentsAndSizes_AndTearDown()
    {
        var setup = await Admin("POST", "/__stub/provider-states", """{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "00000000-aaaa-4bbb-8ccc-000000000003", "size": 3}}""");
        var url = Snapshots.Replace(Instance, "00000000-aaaa-4bbb-8ccc-000000000003", StringComparison.Ordinal);
        var three = await _stub.Get(url);
        var rollback = await _stub.Send("POST", ActionUrl.Replace(Instance, "00000000-aaaa-4bbb-8ccc-000000000003", StringComparison.Ordinal), """{"action": "rollback", "parameters": {"version": "1.0.3"}}""");
        await Admin("POST", "/__stub/provider-states", """{"action": "teardown", "state": "a known parent with records", "params": {"instance_id": "00000000-aaaa-4bbb-8ccc-000000000003", "size": 3}}""");

        Assert.Equal(200, setup.Status);
        Assert.Contains("servicestage-instance-action", setup.Text, StringComparison.Ordinal);
        Assert.Equal(3, (int)three.Body!["count"]!);
        Assert.Equal(400, rollback.Status);
        Assert.Equal(404, (await _stub.Get(url)).Status);
    }

    [Fact]
    public async Task Journal_RecordsTheRequestBody_AndClears()
    {
        await _stub.Send("POST", ActionUrl, """{"action": "scale", "parameters": {"replica": 3}}""");
        var journal = (await Admin("GET", "/__stub/requests?method=POST&limit=1")).Body!;
        var entry = journal["requests"]![0]!;

        Assert.Equal(200, (int)entry["status"]!);
        Assert.Equal("servicestage-instance-action", (string?)entry["api"]);
        Assert.Equal(3, (int)JsonNode.Parse((string)entry["requestBody"]!)!["parameters"]!["replica"]!);
        Assert.Equal(200, (await Admin("DELETE", "/__stub/requests")).Status);
        Assert.Equal(0, (int)(await Admin("GET", "/__stub/requests")).Body!["total"]!);
    }

    [Fact]
    public async Task SlowScenario_StillDelaysTheDatasetsAnswers_WhenAnOverrideRoutesThemThroughWireMock()
    {
        Assert.Equal(201, (await Admin("POST", "/__admin/mappings", """{"Request": {"Path": "/x", "Methods": ["GET"]}, "Response": {"StatusCode": 201, "Body": "hi"}}""")).Status);

        var clock = Stopwatch.StartNew();
        var slow = await _stub.Get(Snapshots + "?limit=1", headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = "slow" });
        var ms = clock.ElapsedMilliseconds;

        Assert.Equal(200, slow.Status);
        Assert.True(ms >= _stub.Server.Engine.Settings.SlowMilliseconds - 10, $"slow answered in {ms} ms"); // a timer may fire a few ms early
        Assert.Equal("wiremock", Assert.Single(_stub.Server.Journal.Newest()).Via);
    }

    [Fact]
    public async Task AdminOverride_WinsOverTheDataset_UntilItIsDeleted()
    {
        var mapping = """
        {"Request": {"Path": "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail", "Methods": ["GET"]},
         "Response": {"StatusCode": 200, "BodyAsJson": {"count": 0, "snapshots": []}}, "Priority": 1}
        """;
        Assert.Equal(201, (await Admin("POST", "/__admin/mappings", mapping)).Status);
        var overridden = await _stub.Get(Evs);
        var other = await _stub.Get(Snapshots + "?limit=2");
        await Admin("DELETE", "/__admin/mappings");
        var back = await _stub.Get(Evs);

        Assert.Equal(0, (int)overridden.Body!["count"]!);
        Assert.Equal(2, other.Body!["snapshots"]!.AsArray().Count);
        Assert.Equal(25, (int)back.Body!["count"]!);
        var journal = (await Admin("GET", "/__stub/requests")).Body!["requests"]!.AsArray();
        Assert.Contains(journal, e => (string?)e!["via"] == "wiremock");
    }

    [Fact]
    public async Task WireMockRequestLog_ListsFastPathRequestsToo_InWireMocksShape_AndDeletingItClearsBoth()
    {
        await _stub.Get(Evs + "?limit=1&status=available");
        var added = await Admin("POST", "/__admin/mappings", """{"Request": {"Path": "/x", "Methods": ["GET"]}, "Response": {"StatusCode": 201, "Body": "hi"}}""");
        await _stub.Get("/x");
        await _stub.Get(Dsw);

        var log = (await Admin("GET", "/__admin/requests")).Body!.AsArray();

        Assert.Equal([Evs + "?limit=1&status=available", "/x", Dsw], log.Select(e => new Uri((string)e!["Request"]!["Url"]!).PathAndQuery));
        Assert.Equal(["1"], log[0]!["Request"]!["Query"]!["limit"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(200, (int)log[0]!["Response"]!["StatusCode"]!);
        Assert.Single(JsonNode.Parse((string)log[0]!["Response"]!["Body"]!)!["snapshots"]!.AsArray());
        Assert.Equal("apicontracts: dynamic datasets", (string?)log[0]!["MappingTitle"]);
        Assert.Equal((string?)added.Body!["Guid"], (string?)log[1]!["MappingGuid"]);
        Assert.Equal(201, (int)log[1]!["Response"]!["StatusCode"]!);
        Assert.Equal(3, log.Select(e => (string?)e!["Guid"]).Distinct().Count());

        Assert.Equal(200, (await Admin("DELETE", "/__admin/requests")).Status);
        Assert.Empty((await Admin("GET", "/__admin/requests")).Body!.AsArray());
        Assert.Equal(0, (int)(await Admin("GET", "/__stub/requests")).Body!["total"]!);
    }

    [Fact]
    public async Task Reset_RestoresStartUpSettings()
    {
        await Admin("POST", "/__stub/reseed", """{"seed": 5}""");
        await Admin("PUT", "/__stub/faults", """{"rate": 0.5}""");

        var reset = await Admin("POST", "/__stub/reset");

        Assert.Equal(1, (int)reset.Body!["seed"]!);
        Assert.Equal(0, (double)reset.Body["faultRate"]!);
    }

    private const string Truncated = "{\"rate\": \"lots\", \"min\": -1, \"action\": \"explode\"";

    [Theory]
    [InlineData("GET", "/__stub/../__stub/parents", null, 200, "\"servicestage-instance-snapshots\":")] // the client resolves the dots
    [InlineData("GET", "/__stub/%2e%2e/%2e%2e/etc/passwd", null, 404, "no API at GET /etc/passwd")]
    [InlineData("GET", "/__stub//parents/..%2f..%2f", null, 400, "still holds a '%' once decoded")] // WireMock.Net would decode %2f; refused before any route
    [InlineData("PUT", "/__stub/faults", Truncated, 400, "not valid JSON")]
    [InlineData("PUT", "/__stub/latency", Truncated, 400, "not valid JSON")]
    [InlineData("POST", "/__stub/provider-states", Truncated, 400, "not valid JSON")]
    [InlineData("DELETE", "/__stub/parents", Truncated, 405, "DELETE /__stub/parents is not supported (allowed: GET)")]
    [InlineData("GET", "/__stub/nothing", null, 404, "no admin endpoint at /__stub/nothing")]
    [InlineData("PUT", "/__stub/faults", "", 400, "faults: give {\\\"rate\\\": <0..1>}")]
    [InlineData("PUT", "/__stub/faults", """{"rate": "lots"}""", 400, "faults: give")]
    [InlineData("PUT", "/__stub/faults", """{"rate": 5}""", 400, "fault rate 5: must be between 0 and 1")]
    [InlineData("PUT", "/__stub/latency", """{"min": -1, "max": 5}""", 400, "latency: need 0 <= min <= max <= 600000 ms")]
    [InlineData("PUT", "/__stub/latency", """{"ms": "x"}""", 400, "'ms' must be a whole number of milliseconds")]
    [InlineData("PUT", "/__stub/scenario", """{"default": "nonsense"}""", 400, "scenario 'nonsense': unknown")]
    [InlineData("POST", "/__stub/reseed", """{"size": -5}""", 400, "size -5: must be 0 or more")]
    [InlineData("POST", "/__stub/provider-states", """{"action": "explode"}""", 400, "action 'explode' is not setup or teardown")]
    [InlineData("POST", "/__stub/provider-states", """{"state": "a known parent with records", "params": {"size": -1, "project_id": "p"}}""", 400, "parameter 'size' -1: must be a whole number 0..1000000000")]
    [InlineData("POST", "/__stub/provider-states", "[1]", 400, "the body must be a JSON object")]
    [InlineData("GET", "/__stub/fixtures?api=nothing", null, 400, "unknown API 'nothing'")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&parent=nope", null, 400, "unknown parent 'nope'")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&count=-1", null, 400, "count -1: must be 0..1000000")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&locale=fr", null, 400, "unknown locale 'fr'")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&format=xml", null, 400, "format 'xml': use json, ndjson or csv")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&format=1", null, 400, "format '1': use json, ndjson or csv")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&count=abc", null, 400, "fixtures: count 'abc': must be a whole number")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&seed=-3", null, 400, "fixtures: seed '-3': must be a whole number 0..18446744073709551615")]
    [InlineData("POST", "/__stub/reseed", """{"seed": -1}""", 400, "reseed: seed -1: must be a whole number 0..18446744073709551615")]
    [InlineData("POST", "/__stub/reseed", """{"size": "big"}""", 400, "reseed: size 'big': must be a whole number")]
    [InlineData("POST", "/__stub/reseed", """{"profile": "wild"}""", 400, "reseed: profile 'wild': use realistic, edge")]
    [InlineData("POST", "/__stub/reseed", """{"profile": 3}""", 400, "reseed: profile 3: use realistic, edge")]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&profile=wild", null, 400, "fixtures: profile 'wild': use realistic, edge")]
    [InlineData("POST", "/__stub/provider-states", """{"state": "a known parent with records", "params": {"size": "lots", "project_id": "p"}}""", 400, "provider-states: state 'a known parent with records': parameter 'size' 'lots': must be a whole number")]
    public async Task HostileAdminRequests_GetClearErrors_AndTheServerKeepsServing(string method, string path, string? body, int status, string words)
    {
        var answer = await Admin(method, path, body);

        Assert.Equal(status, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", answer.Text, StringComparison.Ordinal);
        Assert.Equal(200, (await _stub.Get(Snapshots)).Status);
    }

    [Fact]
    public async Task MalformedAndHostileApiRequests_NeverGet500()
    {
        string[] urls =
        [
            Snapshots + "?limit=%FF%FE", Snapshots + "?limit=1e3", Snapshots + "?limit=0x10", Snapshots + "?limit=", Snapshots + "?limit=" + new string('9', 5000),
            Snapshots + "?offset=1&offset=2", Dsw + "?PageNumber=-9223372036854775808", Dsw + "?PageSize=9223372036854775807", Evs + "?marker=" + new string('z', 36),
            Evs + "?marker=%00", Histories + "?limit=NaN", "/v2/%2e%2e/cas", "/" + new string('a', 4000),
        ];
        foreach (var url in urls)
        {
            var answer = await _stub.Get(url);
            Assert.True(answer.Status is >= 200 and < 500, $"{url} -> {answer.Status} {answer.Text}");
        }

        var binary = await _stub.Send("POST", ActionUrl, Encoding.Latin1.GetString([0xFF, 0xFE, 0x00, 0x7B]));
        Assert.Equal(400, binary.Status);
        Assert.Equal(200, (await _stub.Get(Snapshots)).Status);
    }
}

public sealed class TokenTests : IDisposable
{
    private readonly TokenFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task WithAToken_OnlyThatCredentialIsAccepted()
    {
        var wrong = await _stub.Get(Snapshots);
        var right = await _stub.Get(Snapshots, credential: false, headers: new Dictionary<string, string> { ["X-Auth-Token"] = "s3cret" });

        ErrorAssert.IsDocumented("servicestage-instance-snapshots", 401, wrong);
        Assert.Contains("does not accept", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(200, right.Status);
    }

    private sealed class TokenFixture() : StubFixture(new StubSettings { Token = "s3cret" });
}
