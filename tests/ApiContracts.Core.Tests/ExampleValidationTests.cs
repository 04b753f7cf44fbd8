using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Core.Tests;

public class ExampleValidationTests
{
    /// <summary>Every documented payload: (api, schema part, example name).</summary>
    public static TheoryData<string, string, string> DocumentedExamples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var (part, table) in api.Request.Parts())
            {
                foreach (var e in table.Examples) data.Add(api.Id, $"request.{part.ToString().ToLowerInvariant()}", e.Name);
            }

            foreach (var response in api.Responses)
            {
                foreach (var e in response.Examples) data.Add(api.Id, $"response.{response.Status}", e.Name);
                if (response.IsError)
                {
                    foreach (var e in api.Errors.Examples) data.Add(api.Id, $"response.{response.Status}", "errors:" + e.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedExamples))]
    public void DocumentedExample_ValidatesAgainstItsSchema(string apiId, string part, string example)
    {
        var payload = Payload(apiId, part, example);

        var errors = Repo.Catalog.Validate(apiId, part, payload);

        Assert.True(errors.Count == 0, $"{apiId} {part} example '{example}' was rejected:\n{string.Join('\n', errors)}");
        Assert.Empty(Repo.Catalog.Validate(apiId, part, payload, SchemaView.Published));
        Assert.Empty(Standard.Validate(apiId, part, payload));
    }

    [Fact]
    public void EveryApi_HasItsDocumentedExamplesUnderTest()
    {
        var counted = DocumentedExamples().Select(row => (string)row[0]).Distinct().Count();

        Assert.Equal(5, counted);
        Assert.Contains(DocumentedExamples(), row => (string)row[0] == "servicestage-instance-action" && (string)row[1] == "request.body");
        Assert.Contains(DocumentedExamples(), row => (string)row[0] == "evs-snapshots-detail" && ((string)row[2]).StartsWith("errors:", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string, string> Mutations() => new()
    {
        // api, part, edit (remove:<ptr> | set:<ptr>=<json>), expected pointer, expected words
        { "servicestage-instance-snapshots", "response.200", "remove:/snapshots/0/version", "/snapshots/0/version", "required" },
        { "servicestage-instance-snapshots", "response.200", "remove:/count", "/count", "required" },
        { "servicestage-instance-snapshots", "response.200", "set:/count=\"1\"", "/count", "expected integer" },
        { "servicestage-instance-snapshots", "response.200", "set:/snapshots/0/create_time=1.5", "/snapshots/0/create_time", "expected integer" },
        { "servicestage-instance-snapshots", "response.200", "set:/snapshots/0/surprise=1", "/snapshots/0/surprise", "not allowed" },
        { "servicestage-instance-action", "request.body", "set:/parameters/replica=\"4\"", "/parameters/replica", "expected integer" },
        { "servicestage-instance-action", "request.body", "remove:/parameters/replica", "/parameters/replica", "missing when /action is scale" },
        { "servicestage-instance-action", "request.body", "remove:/parameters", "/parameters", "missing when /action is scale or rollback" },
        { "servicestage-instance-action", "request.body", "set:/action=\"explode\"", "/action", "not one of" },
        { "servicestage-instance-action", "request.body", "set:/action=\"rollback\"", "/parameters/version", "missing when /action is rollback" },
        { "servicestage-instance-action", "request.body", "remove:/action", "/action", "required" },
        { "servicestage-instance-action", "response.200", "set:/job_id=42", "/job_id", "expected string" },
        { "pai-dsw-instance-snapshots", "response.200", "remove:/Snapshots/0/SnapshotId", "/Snapshots/0/SnapshotId", "required" },
        { "pai-dsw-instance-snapshots", "response.200", "set:/Success=\"true\"", "/Success", "expected boolean" },
        { "pai-dsw-instance-snapshots", "response.200", "set:/Snapshots/0/GmtCreateTime=\"2021-01-12T14:36:01\"", "/Snapshots/0/GmtCreateTime", "pattern" },
        { "pai-dsw-instance-snapshots", "response.200", "set:/Snapshots/0/Labels/0/Key=7", "/Snapshots/0/Labels/0/Key", "expected string" },
        { "servicestage-config-histories", "response.200", "remove:/histories/1/components/0/component_id", "/histories/1/components/0/component_id", "required" },
        { "servicestage-config-histories", "response.200", "set:/histories/0/sensitive=\"false\"", "/histories/0/sensitive", "expected boolean" },
        { "evs-snapshots-detail", "response.200", "set:/snapshots/0/created_at=\"2018-05-30 03:14:44\"", "/snapshots/0/created_at", "pattern" },
        { "evs-snapshots-detail", "response.200", "set:/snapshots/0/size=\"1\"", "/snapshots/0/size", "expected integer" },
        { "evs-snapshots-detail", "response.200", "set:/snapshots_links/0/href=\"not a link\"", "/snapshots_links/0/href", "not a valid uri" },
        { "evs-snapshots-detail", "response.200", "remove:/count", "/count", "required" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void MutatedExample_IsRejectedAtThePointer(string apiId, string part, string edit, string pointer, string words)
    {
        var mutated = Mutated(apiId, part, edit);

        var errors = Repo.Catalog.Validate(apiId, part, mutated);

        Assert.Contains(errors, e => e.Pointer == pointer && e.Message.Contains(words, StringComparison.Ordinal));
        Assert.NotEmpty(Standard.Validate(apiId, part, mutated));
    }

    public static TheoryData<string, string, string, string> RejectedRequests() => new()
    {
        { "pai-dsw-instance-snapshots", "request.query", """{"PageNumber": 0}""", "/PageNumber" },
        { "pai-dsw-instance-snapshots", "request.query", """{"PageNumber": "one"}""", "/PageNumber" },
        { "pai-dsw-instance-snapshots", "request.query", """{"SortBy": "gmtModified"}""", "/SortBy" },
        { "pai-dsw-instance-snapshots", "request.query", """{"PageSize": 0}""", "/PageSize" },
        { "servicestage-config-histories", "request.query", """{"limit": 101}""", "/limit" },
        { "servicestage-config-histories", "request.query", """{"limit": -1}""", "/limit" },
        { "servicestage-config-histories", "request.query", """{"order_by": "size"}""", "/order_by" },
        { "servicestage-config-histories", "request.query", """{"order": "DESC"}""", "/order" },
        { "servicestage-instance-snapshots", "request.query", """{"limit": "ten"}""", "/limit" },
        { "servicestage-instance-snapshots", "request.query", """{"order": "up"}""", "/order" },
        { "servicestage-instance-snapshots", "request.query", """{"offset": -1}""", "/offset" },
        { "servicestage-instance-snapshots", "request.headers", """{"Content-Type": "application/json"}""", "/X-Auth-Token" },
        { "servicestage-instance-snapshots", "request.path", """{"project_id": "p", "application_id": "a", "component_id": "c"}""", "/instance_id" },
        { "evs-snapshots-detail", "request.query", """{"limit": 0}""", "/limit" },
        { "evs-snapshots-detail", "response.404", """{"itemNotFound": {"message": "m"}}""", "/itemNotFound/code" },
        { "servicestage-instance-snapshots", "response.400", """{"error_code": "SVC.400", "error_message": "m"}""", "/error_code" },
    };

    [Theory]
    [MemberData(nameof(RejectedRequests))]
    public void ForbiddenPayload_IsRejectedAtThePointer(string apiId, string part, string json, string pointer)
    {
        var payload = Repo.Parse(json);

        var errors = Repo.Catalog.Validate(apiId, part, payload);

        Assert.Contains(errors, e => e.Pointer == pointer);
        Assert.NotEmpty(Standard.Validate(apiId, part, payload));
    }

    public static TheoryData<string, string, string> AcceptedRequests() => new()
    {
        // The clamp rule: out-of-range limits are replaced, not rejected.
        { "servicestage-instance-snapshots", "request.query", """{"limit": 1000, "offset": 0, "order": "asc", "order_by": "create_time"}""" },
        { "servicestage-instance-snapshots", "request.query", """{"limit": 5000}""" },
        { "servicestage-instance-snapshots", "request.query", """{"limit": -3}""" },
        { "servicestage-config-histories", "request.query", """{"limit": 0, "order_by": "update_time", "order": "asc"}""" },
        { "pai-dsw-instance-snapshots", "request.query", """{"PageNumber": 1, "PageSize": 10, "SortBy": "gmtCreate", "Order": "DESC"}""" },
        { "servicestage-instance-action", "request.body", """{"action": "rollback", "parameters": {"version": "1.0.0"}}""" },
        { "servicestage-instance-action", "request.body", """{"action": "scale", "parameters": {"replica": 2, "hosts": ["a", "b"]}}""" },
        { "servicestage-instance-action", "request.body", """{"action": "restart"}""" },
        { "evs-snapshots-detail", "request.query", """{"status": "available", "limit": 1, "marker": "fc05d5d7-7e99-42fb-b6f2-9ddd1b990e67"}""" },
        { "evs-snapshots-detail", "response.400", """{"badRequest": {"message": "XXXX", "code": "XXX"}}""" },
        { "evs-snapshots-detail", "response.500", """{"error": {"message": "XXXX", "code": "XXX"}}""" },
        { "pai-dsw-instance-snapshots", "response.400", """{"RequestId": "E7D55162-4489-1619-AAF5-3F97D5FCA948", "Success": false, "Code": "InvalidParameter", "Message": "PageNumber must be at least 1", "HttpStatusCode": 400}""" },
    };

    [Theory]
    [MemberData(nameof(AcceptedRequests))]
    public void DocumentedForm_IsAccepted(string apiId, string part, string json)
    {
        var payload = Repo.Parse(json);

        Assert.Empty(Repo.Catalog.Validate(apiId, part, payload));
        Assert.Empty(Standard.Validate(apiId, part, payload));
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", "/surprise")]
    [InlineData("servicestage-instance-snapshots", "/snapshots/0/surprise")]
    [InlineData("servicestage-instance-action", "/surprise")]
    [InlineData("pai-dsw-instance-snapshots", "/Snapshots/0/Labels/0/surprise")]
    [InlineData("servicestage-config-histories", "/histories/0/components/0/surprise")]
    [InlineData("evs-snapshots-detail", "/snapshots_links/0/surprise")]
    public void MemberTheTablesDoNotList_IsAcceptedByThePublishedSchema_AndRejectedByTheClosedView(string apiId, string pointer)
    {
        var api = Repo.Catalog.Api(apiId);
        var payload = Mutate.Set(Repo.Parse(api.Success.Examples[0].Json), pointer, JsonValue.Create("added by the provider"));
        var part = $"response.{api.Operation.SuccessStatus}";

        Assert.Empty(Repo.Catalog.Validate(apiId, part, payload, SchemaView.Published));
        Assert.Empty(Standard.Validate(apiId, part, payload, SchemaView.Published));
        Assert.Contains(Repo.Catalog.Validate(apiId, part, payload, SchemaView.Closed), e => e.Pointer == pointer && e.Message.StartsWith("property is not allowed here", StringComparison.Ordinal));
        Assert.NotEmpty(Standard.Validate(apiId, part, payload, SchemaView.Closed));
    }

    [Fact]
    public void ErrorBody_PublishedAcceptsAnExtraMember_ButStillOneWrapper()
    {
        var extra = Repo.Parse("""{"itemNotFound": {"message": "m", "code": "EVS.2002", "request_id": "r"}}""");
        var twoWrappers = Repo.Parse("""{"itemNotFound": {"message": "m", "code": "c"}, "error": {"message": "m", "code": "c"}}""");

        Assert.Empty(Repo.Catalog.Validate("evs-snapshots-detail", "response.404", extra, SchemaView.Published));
        Assert.Contains(Repo.Catalog.Validate("evs-snapshots-detail", "response.404", extra), e => e.Pointer == "/itemNotFound/request_id");
        Assert.NotEmpty(Repo.Catalog.Validate("evs-snapshots-detail", "response.404", twoWrappers, SchemaView.Published));
    }

    [Fact]
    public void RequestSchemas_AreTheSameInBothViews()
    {
        foreach (var schema in Repo.Catalog.Schemas.Where(s => s.Part.StartsWith("request.", StringComparison.Ordinal)))
        {
            Assert.True(JsonNode.DeepEquals(schema.Schema, schema.Closed), schema.FileName);
        }
    }

    [Fact]
    public void OpenStackError_WithTwoWrappers_IsRejected()
    {
        var payload = Repo.Parse("""{"badRequest": {"message": "m", "code": "c"}, "error": {"message": "m", "code": "c"}}""");

        Assert.NotEmpty(Repo.Catalog.Validate("evs-snapshots-detail", "response.400", payload));
        Assert.NotEmpty(Standard.Validate("evs-snapshots-detail", "response.400", payload));
    }

    /// <summary>A documented payload, parsed.</summary>
    internal static JsonNode Payload(string apiId, string part, string example) => Repo.Parse(Find(apiId, part, example).Json);

    /// <summary>The first example that fits <paramref name="part"/>, with <paramref name="edit"/> applied.</summary>
    internal static JsonNode Mutated(string apiId, string part, string edit)
    {
        var example = Repo.Parse(Repo.Catalog.Api(apiId).Responses.SelectMany(r => r.Examples)
            .Concat(Repo.Catalog.Api(apiId).Request.Body?.Examples ?? []).First(e => Applies(apiId, part, e)).Json);
        return Apply(example, edit);
    }

    private static bool Applies(string apiId, string part, ExamplePayload e) =>
        part == "request.body" ? Repo.Catalog.Api(apiId).Request.Body!.Examples.Contains(e) : Repo.Catalog.Api(apiId).Success.Examples.Contains(e);

    private static JsonNode Apply(JsonNode example, string edit)
    {
        if (edit.StartsWith("remove:", StringComparison.Ordinal)) return Mutate.Remove(example, edit["remove:".Length..]);
        var body = edit["set:".Length..];
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        return Mutate.Set(example, body[..eq], JsonNode.Parse(body[(eq + 1)..]));
    }

    private static ExamplePayload Find(string apiId, string part, string name)
    {
        var api = Repo.Catalog.Api(apiId);
        if (name.StartsWith("errors:", StringComparison.Ordinal)) return api.Errors.Examples.Single(e => e.Name == name["errors:".Length..]);
        if (part.StartsWith("request.", StringComparison.Ordinal))
        {
            var requestPart = Enum.Parse<RequestPart>(part["request.".Length..], ignoreCase: true);
            return api.RequestPart(requestPart)!.Examples.Single(e => e.Name == name);
        }

        return api.Response(int.Parse(part["response.".Length..], System.Globalization.CultureInfo.InvariantCulture))!.Examples.Single(e => e.Name == name);
    }
}
