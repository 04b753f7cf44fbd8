using ApiContracts.Core.Definitions;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

/// <summary>
/// The Content-Type decision, as the definitions record it and the request checks apply it: a documented-
/// mandatory Content-Type is excused (outside strict mode) exactly on operations without a request body, and
/// every definition it touches says so in an assumption about /request/headers/Content-Type.
/// </summary>
public class HeaderLeniencyFactsTests
{
    private const string About = "/request/headers/Content-Type";

    private static Assumption? Decision(ApiDefinition api) => api.Assumptions.SingleOrDefault(a => a.About == About);

    private static FieldDef? ContentType(ApiDefinition api) => api.Request.Headers?.Fields.SingleOrDefault(f => f.Name == "Content-Type");

    [Fact]
    public void Leniency_CoversContentTypeOnBodilessOperations_AndNothingElse()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var field in api.Request.Headers?.Fields ?? [])
            {
                Assert.Equal(field.Name == "Content-Type" && api.Request.Body is null, RequestChecks.Lenient(api, field));
            }

            Assert.DoesNotContain(RequestChecks.RequiredHeaders(api), f => f.Name == api.Auth.Header);
        }

        // Which definitions that makes: the two ServiceStage list APIs excuse a mandatory Content-Type; the
        // action API keeps it; EVS documents it as optional and PAI not at all.
        Assert.Equal(
            ["servicestage-config-histories", "servicestage-instance-snapshots"],
            Repo.Catalog.Apis.Where(a => ContentType(a) is { Mandatory: true } f && RequestChecks.Lenient(a, f)).Select(a => a.Id));
        Assert.Equal(["servicestage-instance-action"], Repo.Catalog.Apis.Where(a => RequestChecks.RequiredHeaders(a).Any()).Select(a => a.Id));
        Assert.False(ContentType(Repo.Catalog.Api("evs-snapshots-detail"))!.Mandatory);
        Assert.Null(ContentType(Repo.Catalog.Api("pai-dsw-instance-snapshots")));
    }

    [Fact]
    public void EveryDefinitionWhoseMandatoryContentTypeIsDecided_RecordsTheDecision_OnTheRow()
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => ContentType(a) is { Mandatory: true }))
        {
            var decision = Decision(api);
            Assert.True(decision is not null, $"{api.Id}: no assumption about {About}");
            Assert.Contains(decision.Id, ContentType(api)!.Constraints.Assumptions);
            if (RequestChecks.Lenient(api, ContentType(api)!))
            {
                foreach (var words in new[] { "X-Stub-Warning", "--strict", "PUT /__stub/settings", "401", "axios", "fetch", "packs do not match on Content-Type" })
                {
                    Assert.Contains(words, decision.Text, StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.Contains("stays mandatory", decision.Text, StringComparison.Ordinal);
                Assert.Contains("400 whether or not the stub runs with --strict", decision.Text, StringComparison.Ordinal);
            }
        }

        Assert.All(Repo.Catalog.Apis.Where(a => ContentType(a) is not { Mandatory: true }), api => Assert.Null(Decision(api)));
    }

    [Theory]
    [InlineData("servicestage-instance-snapshots", false, new string[0], new[] { "Content-Type" })]
    [InlineData("servicestage-instance-snapshots", true, new[] { "header 'Content-Type' is required" }, new string[0])]
    [InlineData("servicestage-config-histories", false, new string[0], new[] { "Content-Type" })]
    [InlineData("servicestage-instance-action", false, new[] { "header 'Content-Type' is required" }, new string[0])]
    [InlineData("evs-snapshots-detail", true, new string[0], new string[0])]
    [InlineData("pai-dsw-instance-snapshots", true, new string[0], new string[0])]
    public void CheckHeaders_WithoutContentType(string apiId, bool strict, string[] problems, string[] excused)
    {
        var check = RequestChecks.CheckHeaders(Repo.Catalog.Api(apiId), name => name is "X-Auth-Token" or "Authorization" ? "credential" : null, strict);

        Assert.Equal(problems.Length, check.Problems.Count);
        foreach (var (words, problem) in problems.Zip(check.Problems)) Assert.StartsWith(words, problem, StringComparison.Ordinal);
        Assert.Equal(excused, check.Excused);
    }

    [Fact]
    public void CheckHeaders_NeverCountsTheCredential_ItIsA401Apart()
    {
        var check = RequestChecks.CheckHeaders(Repo.Catalog.Api("servicestage-instance-snapshots"), _ => null, strict: true);

        Assert.DoesNotContain(check.Problems, p => p.Contains("X-Auth-Token", StringComparison.Ordinal));
        Assert.Empty(check.Excused);
    }
}
