using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.States;
using static ApiContracts.Stubs.Tests.StubFixture;

namespace ApiContracts.Stubs.Tests;

/// <summary>
/// The Pact state-change endpoint: the closed set of states, each setup fully determining the parent it
/// names (with or without teardowns, in any order), the query form of the Pact CLI's
/// <c>--state-change-as-query</c>, and clear 400s for everything else. Each test gets its own server.
/// </summary>
public sealed class ProviderStateTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    private async Task<(int Status, JsonNode? Body, string Text, HttpResponseMessage Response)> State(string action, string state, string parameters)
    {
        var answer = await _stub.Send("POST", "/__stub/provider-states", $$"""{"action": "{{action}}", "state": "{{state}}", "params": {{parameters}}}""", credential: false);
        Assert.True(answer.Status == 200, answer.Text);
        return answer;
    }

    private static string Parent(string name, string id, string more = "") => $$"""{"{{name}}": "{{id}}"{{more}}}""";

    [Theory]
    [InlineData("""{"action": "setup", "state": "an instance with 3 snapshots", "params": {"instance_id": "i"}}""", "unknown state 'an instance with 3 snapshots'")]
    [InlineData("""{"action": "setup", "params": {"instance_id": "i"}}""", "the call names no state")]
    [InlineData("""{"action": "setup", "state": "a known parent with records"}""", "state 'a known parent with records': the parameters name no parent")]
    [InlineData("""{"action": "setup", "state": "a known parent with records", "params": {}}""", "state 'a known parent with records': the parameters name no parent")]
    [InlineData("""{"action": "setup", "state": "a known parent with records", "params": [1]}""", "state 'a known parent with records': 'params' must be a JSON object")]
    [InlineData("""{"action": "setup", "state": "a known parent with records", "params": {"instance_id": {"x": 1}}}""", "parameter 'instance_id' {\"x\":1}: must be a non-empty string")]
    [InlineData("""{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "i", "colour": "red"}}""", "state 'a known parent with records': unknown parameter 'colour'")]
    [InlineData("""{"action": "setup", "state": "a known parent with records", "params": {"instance_id": "i", "size": 2.5}}""", "parameter 'size' 2.5: must be a whole number")]
    [InlineData("""{"action": "setup", "state": "an instance with a snapshot of this version", "params": {"instance_id": "i"}}""", "state 'an instance with a snapshot of this version': parameter 'version' is missing")]
    [InlineData("""{"action": "setup", "state": "an instance with a snapshot of this version", "params": {"instance_id": "i", "version": "v7"}}""", "parameter 'version' 'v7' is not a snapshot version label")]
    [InlineData("""{"action": "setup", "state": "a failed snapshot", "params": {"instance_id": "i"}}""", "state 'a failed snapshot': unknown parameter 'instance_id' (it takes the parent's id as one of InstanceId)")]
    [InlineData("""{"action": "explode", "state": "the provider fails", "params": {"instance_id": "i"}}""", "state 'the provider fails': action 'explode' is not setup or teardown")]
    [InlineData("""{"action": "teardown", "state": "nope", "params": {}}""", "unknown state 'nope'")]
    public async Task AWrongCall_Is400_NamingTheStateAndListingTheKnownOnes(string body, string words)
    {
        var before = _stub.Server.Engine.Parents.Version;

        var answer = await _stub.Send("POST", "/__stub/provider-states", body, credential: false);

        Assert.Equal(400, answer.Status);
        var message = (string?)answer.Body!["error"]!["message"] ?? string.Empty;
        Assert.Contains(words, message, StringComparison.Ordinal);
        foreach (var state in ProviderStates.All) Assert.Contains($"'{state.Name}'", message, StringComparison.Ordinal);
        Assert.Equal(before, _stub.Server.Engine.Parents.Version); // nothing changed
    }

    [Fact]
    public async Task TheProviderFails_ThenAnotherSetup_ReplacesItWithoutATeardown()
    {
        Assert.Equal(200, (await State("setup", "the provider fails", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966"))).Status);
        var failing = await _stub.Get(Evs);
        var otherApi = await _stub.Get(Dsw); // another parent is not touched

        Assert.Equal(200, (await State("setup", "a known parent with records", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966", ", \"size\": 4"))).Status);
        var recovered = await _stub.Get(Evs);

        ErrorAssert.IsDocumented("evs-snapshots-detail", 500, failing);
        Assert.Equal(200, otherApi.Status);
        Assert.Equal(200, recovered.Status);
        Assert.Equal(4, (int)recovered.Body!["count"]!);
    }

    [Fact]
    public async Task AStateParent_IgnoresTheServersDefaultScenario_OthersKeepIt()
    {
        await _stub.Send("PUT", "/__stub/scenario", """{"default": "error-500"}""", credential: false);
        await State("setup", "a known parent with records", Parent("config_id", "f5a52d93-1587-45cf-b8fe-5c7f204b98d1", ", \"size\": 2"));

        var stateParent = await _stub.Get(Histories);
        var otherParent = await _stub.Get(Evs);
        var header = await _stub.Get(Histories, headers: new Dictionary<string, string> { ["X-Stub-Scenario"] = "not-found" });

        Assert.Equal(200, stateParent.Status);
        Assert.Equal(2, (int)stateParent.Body!["count"]!);
        Assert.Equal(500, otherParent.Status);
        Assert.Equal(404, header.Status); // a request's own scenario still wins
    }

    [Fact]
    public async Task ARecordState_ServesExactlyThatRecord_ValidAgainstTheSchema()
    {
        await State("setup", "a snapshot whose description is null", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966"));
        var nullDescription = await _stub.Get(Evs);
        await State("setup", "a failed snapshot", Parent("InstanceId", "dsw-730xxxxxxxxxx"));
        var failed = await _stub.Get(Dsw);
        await State("setup", "a known parent with records", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966", ", \"size\": 30"));
        var general = await _stub.Get(Evs);

        var snapshot = Assert.Single(nullDescription.Body!["snapshots"]!.AsArray())!;
        Assert.True(snapshot.AsObject().ContainsKey("description"));
        Assert.Null(snapshot["description"]);
        Assert.Equal(1, (int)nullDescription.Body["count"]!);
        Assert.Empty(Repo.Catalog.Validate("evs-snapshots-detail", "response.200", nullDescription.Body));
        var dsw = Assert.Single(failed.Body!["Snapshots"]!.AsArray())!;
        Assert.Equal("Failed", (string?)dsw["Status"]);
        Assert.False(string.IsNullOrEmpty((string?)dsw["ReasonCode"]));
        Assert.Empty(Repo.Catalog.Validate("pai-dsw-instance-snapshots", "response.200", failed.Body));
        Assert.Equal(30, general.Body!["snapshots"]!.AsArray().Count);
        Assert.Contains(general.Body["snapshots"]!.AsArray(), s => s!["description"] is not null); // the override went with the setup
    }

    public static TheoryData<string> RecordStates => new(ProviderStates.Records.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RecordStates))]
    public async Task EveryRecordState_ServesOneValidRecord_CarryingItsFields(string name)
    {
        var state = ProviderStates.Records.Single(r => r.Name == name);
        var api = Repo.Catalog.Api(state.Api);
        var parent = api.Dataset.Parents[0];
        await State("setup", name, Parent(api.Dataset.Parent, parent[api.Dataset.Parent]));

        var answer = await _stub.Get(api.PathFor(parent));

        Assert.Equal(200, answer.Status);
        Assert.Empty(Repo.Catalog.Validate(api.Id, "response.200", answer.Body));
        var record = Assert.Single(answer.Body![api.Pagination!.Items.TrimStart('/')]!.AsArray())!.AsObject();
        foreach (var field in state.Fields)
        {
            Assert.True(record.ContainsKey(field.Name), $"{name}: {field.Name} is missing");
            Assert.True(JsonNode.DeepEquals(field.Value, record[field.Name]), $"{name}: {field.Name} is {record[field.Name]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task ASnapshotOfThisVersion_MakesTheRollbackAccepted_NoRecordsMakesItRefused()
    {
        const string Rollback = """{"action": "rollback", "parameters": {"version": "1.1.1"}}""";
        await State("setup", "an instance with a snapshot of this version", Parent("instance_id", Instance, ", \"version\": \"1.1.1\""));
        var accepted = await _stub.Send("POST", ActionUrl, Rollback);
        var snapshots = await _stub.Get(Snapshots);
        await State("setup", "a known parent with no records", Parent("instance_id", Instance));
        var refused = await _stub.Send("POST", ActionUrl, Rollback);

        Assert.Equal(200, accepted.Status);
        Assert.Equal(12, (int)snapshots.Body!["count"]!);
        Assert.Equal("1.1.1", (string?)snapshots.Body["snapshots"]![0]!["version"]);
        ErrorAssert.IsDocumented("servicestage-instance-action", 400, refused);
    }

    [Fact]
    public async Task AParentThatDoesNotExist_Is404_UntilTeardownBringsTheKnownParentBack()
    {
        await State("setup", "a parent that does not exist", Parent("InstanceId", "dsw-730xxxxxxxxxx"));
        var gone = await _stub.Get(Dsw);
        await State("teardown", "a parent that does not exist", Parent("InstanceId", "dsw-730xxxxxxxxxx"));
        var back = await _stub.Get(Dsw);

        ErrorAssert.IsDocumented("pai-dsw-instance-snapshots", 404, gone);
        Assert.Equal(200, back.Status);
        Assert.Equal(25, (int)back.Body!["TotalCount"]!); // the server's size again
    }

    [Fact]
    public async Task Teardown_RemovesAParentOnlyAStateMade()
    {
        const string Made = "00000000-aaaa-4bbb-8ccc-00000000000c";
        var url = Snapshots.Replace(Instance, Made, StringComparison.Ordinal);
        await State("setup", "a known parent with records", Parent("instance_id", Made, ", \"size\": 3"));
        var made = await _stub.Get(url);
        await State("teardown", "a known parent with records", Parent("instance_id", Made, ", \"size\": 3"));

        Assert.Equal(3, (int)made.Body!["count"]!);
        Assert.Equal(404, (await _stub.Get(url)).Status);
    }

    [Fact]
    public async Task TheEmptyState_OfAnInteractionWithoutStates_PutsEveryParentBack()
    {
        await State("setup", "the provider fails", Parent("InstanceId", "dsw-730xxxxxxxxxx"));
        await State("setup", "a known parent with no records", Parent("project_id", "20a68d6b7a124ae2b6b8a22046ee5966"));

        var reset = await State("setup", "", "{}");

        Assert.Equal(200, reset.Status);
        Assert.Equal(200, (await _stub.Get(Dsw)).Status);
        Assert.Equal(25, (int)(await _stub.Get(Evs)).Body!["count"]!);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task TheQueryForm_OfStateChangeAsQuery_SetsUpAndTearsDown(string method)
    {
        // What pact verifier --state-change-as-query sends: everything in the query, params as strings, an empty body.
        var query = "/__stub/provider-states?admin_token=" + _stub.Server.AdminToken + "&action={0}&config_id=f5a52d93-1587-45cf-b8fe-5c7f204b98d1&size=3&state=a+known+parent+with+records";

        var setup = await _stub.Send(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "setup"), credential: false, admin: false);
        var three = await _stub.Get(Histories);
        var teardown = await _stub.Send(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "teardown"), credential: false, admin: false);
        var unknown = await _stub.Send(method, "/__stub/provider-states?admin_token=" + _stub.Server.AdminToken + "&action=setup&state=nope", credential: false, admin: false);

        Assert.Equal(200, setup.Status);
        Assert.Equal(3, (int)three.Body!["count"]!);
        Assert.Equal(200, teardown.Status);
        Assert.Equal(25, (int)(await _stub.Get(Histories)).Body!["count"]!);
        Assert.Equal(400, unknown.Status);
        Assert.Contains("unknown state 'nope'", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStates_AreListedOpenly_WithTheirParentsAndParameters()
    {
        var answer = await _stub.Get("/__stub/states", credential: false, admin: false);

        Assert.Equal(200, answer.Status);
        var states = answer.Body!["states"]!.AsArray();
        Assert.Equal(ProviderStates.All.Select(s => s.Name), states.Select(s => (string?)s!["name"]));
        var version = states.Single(s => (string?)s!["name"] == "an instance with a snapshot of this version")!;
        Assert.Equal(["servicestage-instance-action", "servicestage-instance-snapshots"], version["parent"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.StartsWith("required", (string?)version["params"]!["version"], StringComparison.Ordinal);
    }
}
