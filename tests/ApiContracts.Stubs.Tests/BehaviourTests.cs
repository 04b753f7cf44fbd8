using System.Diagnostics;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests;

public class BehaviourTests(StubFixture stub) : IClassFixture<StubFixture>
{
    public static TheoryData<string, string> ApiUrls() => new()
    {
        { "servicestage-instance-snapshots", Snapshots },
        { "servicestage-config-histories", Histories },
        { "pai-dsw-instance-snapshots", Dsw },
        { "evs-snapshots-detail", Evs },
    };

    [Theory]
    [MemberData(nameof(ApiUrls))]
    public async Task MissingCredential_Gets401InTheApisFormat(string apiId, string url)
    {
        var answer = await stub.Get(url, credential: false);

        ErrorAssert.IsDocumented(apiId, 401, answer);
        Assert.Contains("missing", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/no-such-instance/snapshots")]
    [InlineData("servicestage-instance-snapshots", "/v2/another-project/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots")]
    [InlineData("servicestage-config-histories", "/v3/0605767a3300d5762fb7c0186d9e1779/cas/configs/nope/histories")]
    [InlineData("pai-dsw-instance-snapshots", "/api/v2/instances/dsw-unknown/snapshots")]
    [InlineData("evs-snapshots-detail", "/v2/unknown-project/cloudsnapshots/detail")]
    public async Task UnknownParent_GetsTheApis404(string apiId, string url) => ErrorAssert.IsDocumented(apiId, 404, await stub.Get(url));

    [Fact]
    public async Task UnknownPath_AndWrongMethod_Get404WithoutA500()
    {
        var unknown = await stub.Get("/nothing/here");
        var wrongMethod = await stub.Send("DELETE", Snapshots);
        var nearby = await stub.Get("/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/x/components");

        Assert.Equal(404, unknown.Status);
        Assert.Contains("the stub serves", unknown.Text, StringComparison.Ordinal);
        ErrorAssert.IsDocumented("servicestage-instance-snapshots", 404, wrongMethod);
        Assert.Contains("allowed: GET", wrongMethod.Text, StringComparison.Ordinal);
        Assert.Equal(404, nearby.Status);
        Assert.NotNull(nearby.Body!["error_code"]);
    }

    [Fact]
    public async Task MissingContentType_OnAGet_IsAnsweredWithAWarning_NotA400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Snapshots);
        request.Headers.Add("X-Auth-Token", "t");
        var response = await stub.Client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("missing documented header Content-Type", response.Headers.GetValues("X-Stub-Warning").Single());
    }

    [Fact]
    public async Task CorsPreflight_AndSimpleResponses_AllowAnyOrigin_WithoutCredentials()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Snapshots);
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-auth-token, content-type, x-stub-scenario");
        var answer = await stub.Client.SendAsync(preflight);
        var normal = await stub.Get(Snapshots, headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:5173" });

        Assert.Equal(204, (int)answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("x-stub-scenario", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Contains("GET", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("*", normal.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(normal.Response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", Snapshots, "error-500", 500)]
    [InlineData("servicestage-instance-snapshots", Snapshots, "not-found", 404)]
    [InlineData("servicestage-instance-snapshots", Snapshots, "unauthorized", 401)]
    [InlineData("pai-dsw-instance-snapshots", Dsw, "error-500", 500)]
    [InlineData("evs-snapshots-detail", Evs, "not-found", 404)]
    [InlineData("evs-snapshots-detail", Evs, "nonsense", 400)]
    public async Task ScenarioHeader_AnswersTheDocumentedError(string apiId, string url, string scenario, int status) =>
        ErrorAssert.IsDocumented(apiId, status, await stub.Get(url, headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = scenario }));

    [Fact]
    public async Task EmptyAndSlowScenarios()
    {
        var empty = await stub.Get(Evs, headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = "empty" });
        var clock = Stopwatch.StartNew();
        var slow = await stub.Get(Snapshots + "?limit=1", headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = "slow" });

        Assert.Equal(0, (int)empty.Body!["count"]!);
        Assert.Empty(empty.Body["snapshots"]!.AsArray());
        Assert.Equal(200, slow.Status);
        Assert.True(clock.ElapsedMilliseconds >= 280, // a timer may fire a few ms early; no delay answers in under 50 ms
            $"slow answered in {clock.ElapsedMilliseconds} ms");
    }

    private static string Rollback(string version) => new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = version } }.ToJsonString();

    [Fact]
    public async Task Action_ScaleAndRollback_AsDocumented()
    {
        var scale = await stub.Send("POST", ActionUrl, """{"action": "scale", "parameters": {"replica": 4}}""");
        var again = await stub.Send("POST", ActionUrl, """{"action": "scale", "parameters": {"replica": 4}}""");
        // The instance holds 25 snapshots: the newest is the 25th label, the 26th is one it lacks.
        var (newest, next) = (OrderedVersions.Semver(25), OrderedVersions.Semver(26));
        var rollback = await stub.Send("POST", ActionUrl, Rollback(newest));
        var missing = await stub.Send("POST", ActionUrl, Rollback(next));
        var noReplica = await stub.Send("POST", ActionUrl, """{"action": "scale", "parameters": {}}""");

        Assert.Equal(200, scale.Status);
        Assert.Matches("^JOB[0-9a-f-]{36}$", (string)scale.Body!["job_id"]!);
        Assert.Equal(scale.Text, again.Text);
        Assert.Equal(200, rollback.Status);
        ErrorAssert.IsDocumented("servicestage-instance-action", 400, missing);
        Assert.Contains($"'{next}' is not a version of instance", missing.Text, StringComparison.Ordinal);
        ErrorAssert.IsDocumented("servicestage-instance-action", 400, noReplica);
        Assert.Contains("/parameters/replica: required property is missing when /action is scale", noReplica.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"action\": ", "not valid JSON")]
    [InlineData("", "body is empty")]
    [InlineData("[1, 2]", "expected object")]
    [InlineData("{\"action\": \"start\", \"extra\": 1}", "not allowed")]
    public async Task Action_BadBodies_Get400(string body, string words)
    {
        var answer = await stub.Send("POST", ActionUrl, body);

        ErrorAssert.IsDocumented("servicestage-instance-action", 400, answer);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeBody_Gets400_AndTheServerKeepsServing()
    {
        var huge = "{\"action\": \"start\", \"pad\": \"" + new string('x', 1_100_000) + "\"}";

        var answer = await stub.Send("POST", ActionUrl, huge);

        ErrorAssert.IsDocumented("servicestage-instance-action", 400, answer);
        Assert.Contains("at most 1048576 bytes", answer.Text, StringComparison.Ordinal);
        Assert.Equal(200, (await stub.Get(Snapshots)).Status);
    }
}
