using System.Text.Json.Nodes;
using ApiContracts.Core.Schemas;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

/// <summary>
/// The README's claim, tested: any draft-07 validator enforces the same rules. Every documented example, every
/// mutation and every request form of <see cref="ExampleValidationTests"/>, in both schema views, goes through
/// ajv 8 with ajv-formats (Node.js), JsonSchema.Net (our validation path) and NJsonSchema; any disagreement fails.
/// </summary>
public class ValidatorAgreementTests
{
    private sealed record Case(string Name, string ApiId, string Part, SchemaView View, JsonNode? Data, bool? Valid)
    {
        public JsonNode Schema => Repo.Catalog.Schema(ApiId, Part)!.In(View);

        public override string ToString() => $"{ApiId} {Part} ({View}) {Name}: {Data?.ToJsonString() ?? "null"}";
    }

    private static readonly SchemaView[] Views = [SchemaView.Published, SchemaView.Closed];

    [Fact]
    public void AllThreeValidators_AgreeOnEveryExampleMutationAndRequestForm()
    {
        var cases = Cases().ToList();

        var (ajv, _) = Ajv.Verdicts(cases.Select(c => (c.Schema, c.Data)).ToList());

        var problems = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var ours = Repo.Catalog.Validate(c.ApiId, c.Part, c.Data, c.View).Count == 0;
            var njs = Standard.Validate(c.Schema, c.Data).Count == 0;
            if (ours != ajv[i] || ours != njs) problems.Add($"disagree (JsonSchema.Net {ours}, ajv {ajv[i]}, NJsonSchema {njs}): {c}");
            else if (c.Valid is { } expected && ours != expected) problems.Add($"all three say {ours}, expected {expected}: {c}");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(cases.Count > 150, $"only {cases.Count} cases were compared");
        Assert.Contains(cases, c => c.Valid == false);
        Assert.Contains(cases, c => c.Valid == true);
    }

    [Fact]
    public void ValidatorThatSkipsFormats_ReachesTheSameVerdicts()
    {
        var cases = Cases().ToList();

        var (formats, noFormats) = Ajv.Verdicts(cases.Select(c => (c.Schema, c.Data)).ToList());

        var differ = cases.Where((c, i) => formats[i] != noFormats[i]).Select(c => c.ToString()).ToList();
        Assert.True(differ.Count == 0, "verdicts that depend on format assertion:\n" + string.Join('\n', differ));
    }

    [Fact]
    public void TrailingNewline_IsRejectedByAllThreeValidators()
    {
        var payload = Repo.Parse("{\"error_code\": \"SVCSTG.00100400\\n\", \"error_message\": \"m\"}");
        var schema = Repo.Catalog.Schema("servicestage-instance-snapshots", "response.400")!.Schema;
        // The same schema written with $, as it was: .NET lets $ match before the final newline.
        var dollar = schema.DeepClone();
        dollar["properties"]!["error_code"]!["pattern"] = @"^SVCSTG\.00100\.?[0-9A-Za-z]+$";

        var (ajv, _) = Ajv.Verdicts([(schema, payload), (dollar, payload)]);

        Assert.False(ajv[0]);
        Assert.Contains(new SchemaValidator(schema).Validate(payload), e => e.Pointer == "/error_code" && e.Message.Contains("does not match the pattern", StringComparison.Ordinal));
        Assert.NotEmpty(Standard.Validate(schema, payload));
        // Why the lookahead: with $ the .NET validators accept what JavaScript rejects.
        Assert.False(ajv[1]);
        Assert.Empty(new SchemaValidator(dollar).Validate(payload));
        Assert.Empty(Standard.Validate(dollar, payload));
    }

    [Fact]
    public void Month13_IsRejectedEvenWhereFormatsAreNotChecked()
    {
        var api = Repo.Catalog.Api("pai-dsw-instance-snapshots");
        var payload = Mutate.Set(Repo.Parse(api.Success.Examples[0].Json), "/Snapshots/0/GmtCreateTime", "2021-13-12T14:36:01Z");
        var schema = Repo.Catalog.Schema(api.Id, "response.200")!.Schema;
        var formatless = WithoutFormats(schema);

        var (ajv, ajvWithoutFormats) = Ajv.Verdicts([(schema, payload)]);

        Assert.False(ajv[0]);
        Assert.False(ajvWithoutFormats[0]);
        Assert.Contains(new SchemaValidator(formatless).Validate(payload), e => e.Pointer == "/Snapshots/0/GmtCreateTime");
        Assert.NotEmpty(Standard.Validate(formatless, payload));
        Assert.DoesNotContain("\"format\"", formatless.ToJsonString(), StringComparison.Ordinal);
    }

    private static IEnumerable<Case> Cases()
    {
        foreach (var row in ExampleValidationTests.DocumentedExamples())
        {
            var (apiId, part, name) = ((string)row[0], (string)row[1], (string)row[2]);
            foreach (var view in Views) yield return new Case("example " + name, apiId, part, view, ExampleValidationTests.Payload(apiId, part, name), true);
        }

        foreach (var row in ExampleValidationTests.Mutations())
        {
            var (apiId, part, edit) = ((string)row[0], (string)row[1], (string)row[2]);
            var mutated = ExampleValidationTests.Mutated(apiId, part, edit);
            // The published view tolerates members the tables do not list; every other mutation breaks both views.
            var addsMember = Repo.Catalog.Validate(apiId, part, mutated, SchemaView.Published).Count == 0;
            yield return new Case("mutation " + edit, apiId, part, SchemaView.Closed, mutated, false);
            yield return new Case("mutation " + edit, apiId, part, SchemaView.Published, mutated, addsMember ? null : false);
        }

        foreach (var row in ExampleValidationTests.RejectedRequests())
        {
            foreach (var view in Views) yield return new Case("forbidden", (string)row[0], (string)row[1], view, Repo.Parse((string)row[2]), false);
        }

        foreach (var row in ExampleValidationTests.AcceptedRequests())
        {
            foreach (var view in Views) yield return new Case("documented form", (string)row[0], (string)row[1], view, Repo.Parse((string)row[2]), true);
        }

        foreach (var api in Repo.Catalog.Apis)
        {
            var example = Repo.Parse(api.Success.Examples[0].Json);
            var extra = Mutate.Set(example, "/vendor_extension", JsonValue.Create(1));
            yield return new Case("unlisted member", api.Id, $"response.{api.Operation.SuccessStatus}", SchemaView.Published, extra, true);
            yield return new Case("unlisted member", api.Id, $"response.{api.Operation.SuccessStatus}", SchemaView.Closed, extra, false);
            foreach (var view in Views)
            {
                yield return new Case("trailing newline", api.Id, "response.500", view, TrailingNewline(api), api.Provider == "servicestage" ? false : null);
            }
        }

        var pai = Repo.Parse(Repo.Catalog.Api("pai-dsw-instance-snapshots").Success.Examples[0].Json);
        var evs = Repo.Parse(Repo.Catalog.Api("evs-snapshots-detail").Success.Examples[0].Json);
        foreach (var view in Views)
        {
            yield return new Case("month 13", "pai-dsw-instance-snapshots", "response.200", view, Mutate.Set(pai, "/Snapshots/0/GmtCreateTime", "2021-13-12T14:36:01Z"), false);
            yield return new Case("no zone", "pai-dsw-instance-snapshots", "response.200", view, Mutate.Set(pai, "/Snapshots/0/GmtModifiedTime", "2021-01-12T14:36:01"), false);
            yield return new Case("offset zone", "pai-dsw-instance-snapshots", "response.200", view, Mutate.Set(pai, "/Snapshots/0/GmtModifiedTime", "2021-01-12T22:36:01+08:00"), true);
            yield return new Case("relative href", "evs-snapshots-detail", "response.200", view, Mutate.Set(evs, "/snapshots_links/0/href", "/v2/p/snapshots/detail?limit=1"), false);
            yield return new Case("unknown wrapper", "evs-snapshots-detail", "response.404", view, Repo.Parse("""{"computeFault": {"message": "m", "code": "c"}}"""), false);
            yield return new Case("two wrappers", "evs-snapshots-detail", "response.400", view, Repo.Parse("""{"badRequest": {"message": "m", "code": "c"}, "error": {"message": "m", "code": "c"}}"""), false);
        }
    }

    // An error body of the API's own format whose code (or first text field) ends with a newline.
    private static JsonNode TrailingNewline(Definitions.ApiDefinition api) => api.Errors.Style switch
    {
        "servicestage" => Repo.Parse("{\"error_code\": \"SVCSTG.00100500\\n\", \"error_message\": \"m\"}"),
        "openstack" => Repo.Parse("{\"error\": {\"message\": \"m\\n\", \"code\": \"EVS.5001\\n\"}}"),
        _ => Repo.Parse("{\"RequestId\": \"r\", \"Success\": false, \"Code\": \"InternalError\\n\", \"Message\": \"m\", \"HttpStatusCode\": 500}"),
    };

    private static JsonNode WithoutFormats(JsonNode schema)
    {
        var copy = schema.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    // A property named "format" is data, not the keyword: only strip string-valued keywords.
                    if (o["format"] is JsonValue) o.Remove("format");
                    foreach (var (_, child) in o.ToList()) Strip(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Strip(child);
                    break;
            }
        }
    }
}
