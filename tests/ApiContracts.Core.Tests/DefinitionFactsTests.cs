using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Tests;

/// <summary>The facts the documents state, as the definitions carry them; and each recorded decision.</summary>
public class DefinitionFactsTests
{
    [Fact]
    public void Catalog_HoldsExactlyTheFiveApiIds()
    {
        Assert.Equal(
            ["evs-snapshots-detail", "pai-dsw-instance-snapshots", "servicestage-config-histories", "servicestage-instance-action", "servicestage-instance-snapshots"],
            Repo.Catalog.Apis.Select(a => a.Id));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    [InlineData(101, 10)]
    [InlineData(999, 10)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 10)]
    [InlineData(-1, 10)]
    [InlineData(long.MaxValue, 10)]
    public void InstanceSnapshots_LimitClampRule(long requested, long effective)
    {
        var limit = Repo.Catalog.Api("servicestage-instance-snapshots").Pagination!.Limit!;

        Assert.True(limit.Clamps);
        Assert.Equal(effective, limit.Effective(requested));
    }

    [Fact]
    public void InstanceSnapshots_OrderAndOrderBy()
    {
        var api = Repo.Catalog.Api("servicestage-instance-snapshots");
        var order = Field(api.Request.Query!, "order");

        Assert.Equal(["desc", "asc"], order.Constraints.Enum!.Select(v => (string)v!));
        Assert.Equal("desc", (string?)order.Constraints.Default);
        Assert.Equal("create_time", (string?)Field(api.Request.Query!, "order_by").Constraints.Default);
        Assert.Equal("/count", api.Pagination!.Total);
        Assert.Equal("SVCSTG.00100400", api.Response(400)!.Error!.Code);
    }

    [Fact]
    public void InstanceAction_ActionsAndConditionalParameters()
    {
        var body = Repo.Catalog.Api("servicestage-instance-action").Request.Body!;
        var parameters = Field(body, "parameters");

        Assert.Equal(["start", "stop", "restart", "scale", "rollback"], Field(body, "action").Constraints.Enum!.Select(v => (string)v!));
        Assert.Equal(["scale", "rollback"], parameters.Constraints.RequiredWhen!.In);
        Assert.Equal(["scale"], Field(parameters.Fields!, "replica").Constraints.RequiredWhen!.In);
        Assert.Equal(["rollback"], Field(parameters.Fields!, "version").Constraints.RequiredWhen!.In);
        Assert.Equal(FieldType.Array, Field(parameters.Fields!, "hosts").Type);
        Assert.Equal("job_id", Repo.Catalog.Api("servicestage-instance-action").Success.Body!.Fields.Single().Name);
    }

    [Fact]
    public void PaiDsw_PagingAndEnvelope()
    {
        var api = Repo.Catalog.Api("pai-dsw-instance-snapshots");
        var page = Field(api.Request.Query!, "PageNumber");

        Assert.Equal(1m, page.Constraints.Minimum);
        Assert.Equal(1L, (long?)page.Constraints.Default);
        Assert.Equal(10L, (long?)Field(api.Request.Query!, "PageSize").Constraints.Default);
        Assert.Equal(["gmtCreate"], Field(api.Request.Query!, "SortBy").Constraints.Enum!.Select(v => (string)v!));
        Assert.Equal(["RequestId", "Success", "Message", "Code", "HttpStatusCode", "TotalCount", "Snapshots"], api.Success.Body!.Fields.Select(f => f.Name));
        var snapshot = Field(api.Success.Body!, "Snapshots").Items!.Fields!;
        Assert.Equal(["Key", "Value"], Field(snapshot, "Labels").Items!.Fields!.Fields.Select(f => f.Name));
        Assert.Equal(FieldType.Array, Field(snapshot, "ExcludePaths").Type);
        Assert.Equal("page-number", api.Pagination!.Style);
    }

    [Fact]
    public void ConfigHistories_DecisionsOnStatusTypeAndMandatoryColumn()
    {
        var api = Repo.Catalog.Api("servicestage-config-histories");
        var limit = Field(api.Request.Query!, "limit");
        var history = Field(api.Success.Body!, "histories").Items!.Fields!;

        // 204 is printed, but the example has a body: the success status is 200, recorded as an assumption.
        Assert.Equal(200, api.Operation.SuccessStatus);
        Assert.Contains(204, api.Operation.DocumentedStatuses);
        Assert.Contains(api.Assumptions, a => a.Text.Contains("204", StringComparison.Ordinal));
        // The example's `type` is kept as an optional field that only the example shows.
        Assert.Equal("example", Field(history, "type").Constraints.Origin);
        Assert.False(Field(history, "type").Mandatory);
        Assert.NotEmpty(Field(history, "type").Constraints.Assumptions);
        // The lost mandatory column: path parameters mandatory, query parameters optional, decided in one assumption.
        Assert.All(api.Request.Path!.Fields, f => Assert.True(f.Mandatory));
        Assert.All(api.Request.Query!.Fields, f => Assert.False(f.Mandatory));
        Assert.Contains(api.Assumptions, a => a.Text.Contains("mandatory", StringComparison.OrdinalIgnoreCase));
        Assert.Equal((0m, 100m), (limit.Constraints.Minimum, limit.Constraints.Maximum));
        Assert.Equal(["create_time", "name", "update_time"], Field(api.Request.Query!, "order_by").Constraints.Enum!.Select(v => (string)v!));
        Assert.Contains("components", history.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Evs_TotalLinksTimestampsAndErrors()
    {
        var api = Repo.Catalog.Api("evs-snapshots-detail");
        var snapshot = Field(api.Success.Body!, "snapshots").Items!.Fields!;

        Assert.Equal("{endpoint}", api.Operation.Host);
        Assert.Equal("marker", api.Pagination!.Style);
        Assert.Equal("snapshots_links", api.Pagination.Links!.Field);
        Assert.Equal("next", api.Pagination.Links.Rel);
        Assert.False(Field(api.Success.Body!, "snapshots_links").Mandatory);
        Assert.True(Field(snapshot, "description").Constraints.Nullable);
        Assert.Contains(api.Pagination.Filters, f => f.Parameter == "status");
        Assert.Equal(["error", "badRequest", "itemNotFound"], api.Errors.Envelopes);
        Assert.Empty(Repo.Catalog.Validate(api.Id, "response.200", JsonNode.Parse("""{"count": 0, "snapshots": []}""")));
        Assert.Empty(Repo.Catalog.Validate(api.Id, "response.200", Mutate.Set(JsonNode.Parse(api.Success.Examples[0].Json)!, "/snapshots/0/created_at", "2018-05-30T03:14:44.457975")));
    }

    [Fact]
    public void ServiceStageErrors_UseTheDocumentedCodeFormat()
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Provider == "servicestage"))
        {
            Assert.All(api.Responses.Where(r => r.IsError), r => Assert.Equal($"SVCSTG.00100{r.Status}", r.Error!.Code));
            Assert.Empty(Repo.Catalog.Validate(api.Id, "response.400", JsonNode.Parse("""{"error_code": "SVCSTG.00100.400", "error_message": "limit must be an integer"}""")));
        }
    }

    [Fact]
    public void EveryAssumption_IsReferencedOrAboutAPointer_AndAppearsInTheDocsPage()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            var page = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "docs", api.Id + ".md"));
            Assert.NotEmpty(api.Assumptions);
            foreach (var a in api.Assumptions)
            {
                Assert.StartsWith("/", a.About, StringComparison.Ordinal);
                Assert.Contains($"**{a.Id}**", page, StringComparison.Ordinal);
                Assert.Contains(a.Text.Trim(), page, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Examples_AreVerbatimFromTheSourceDocuments()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            var seed = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", api.Source.Document)).ReplaceLineEndings("\n");
            var examples = api.Responses.SelectMany(r => r.Examples)
                .Concat(api.Request.Parts().SelectMany(p => p.Table.Examples))
                .Concat(api.Errors.Examples)
                .ToList();
            Assert.NotEmpty(examples);
            foreach (var e in examples) Assert.Contains(e.Json, seed, StringComparison.Ordinal);
            Assert.Contains(api.Source.UpdatedOn == "not stated" ? string.Empty : api.Source.UpdatedOn, seed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryDefinition_RecordsThatPublishedResponsesAcceptUnlistedFields()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            var closed = ConstraintSources.Of(api).Where(c => c.Kind == "closed" && c.Pointer.StartsWith("/responses/", StringComparison.Ordinal)).ToList();
            var assumption = Assert.Single(api.Assumptions, a => a.About == "/responses" && a.Text.Contains("published", StringComparison.Ordinal));

            Assert.Contains("check-consumer", assumption.Text, StringComparison.Ordinal);
            Assert.NotEmpty(closed);
            Assert.All(closed, c => Assert.Equal(assumption.Id, c.Source));
        }
    }

    [Fact]
    public void ReviewedConstraints_NameTheAssumptionsThatDecideThem()
    {
        // The review of the definitions against the pages (issue 11): each of these is a decision, not the page's word.
        Assert.Contains("RFC 3339", Decision("pai-dsw-instance-snapshots", "/responses/200/Snapshots/GmtCreateTime", "format"), StringComparison.Ordinal);
        Assert.Contains("RFC 3339", Decision("pai-dsw-instance-snapshots", "/responses/200/Snapshots/GmtModifiedTime", "format"), StringComparison.Ordinal);
        Assert.Contains("RFC 3986", Decision("evs-snapshots-detail", "/responses/200/snapshots_links/href", "format"), StringComparison.Ordinal);
        Assert.Contains("for example", Decision("evs-snapshots-detail", "/errors", "envelopes"), StringComparison.Ordinal);
        Assert.Contains("total", Decision("servicestage-instance-snapshots", "/responses/200/count", "minimum"), StringComparison.Ordinal);
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Request.Query is not null))
        {
            Assert.Contains(api.Assumptions, a => a.About is "/request/query" or "/request" && a.Text.Contains("parameters", StringComparison.Ordinal) && a.Text.Contains("ignored", StringComparison.Ordinal));
        }
    }

    private static string Decision(string apiId, string pointer, string kind)
    {
        var api = Repo.Catalog.Api(apiId);
        var constraint = Assert.Single(ConstraintSources.Of(api), c => c.Pointer == pointer && c.Kind == kind);
        Assert.NotEqual(ConstraintSources.Page, constraint.Source);
        return api.Assumptions.Single(a => a.Id == constraint.Source).Text;
    }

    [Fact]
    public void SourceDocuments_AreTheFilesInContractsSources_OnePerDefinition()
    {
        var named = Repo.Catalog.Apis.Select(a => Path.GetFullPath(Path.Combine(Repo.Root, "contracts", "apis", a.Source.Document))).Order(StringComparer.Ordinal).ToList();
        var present = Directory.GetFiles(Repo.Sources, "*.txt").Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(present, named);
        Assert.All(Repo.Catalog.Apis, a => Assert.Equal($"../sources/{a.Id}.txt", a.Source.Document));
    }

    [Fact]
    public void NoCodeOrBuildFile_ReadsOutsideTheRepository()
    {
        // A standalone clone has nothing beside it: the source pages live in contracts/sources.
        string[] outside = ["../" + "shared", "shared/" + "seeds", "\"..\", \"" + "shared\""];
        var files = new[] { "src", "tests", "eng", ".ci" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(Repo.Root, d), "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Repo.Root))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetExtension(f) is ".cs" or ".csproj" or ".props" or ".targets" or ".cmd" or ".sh" or ".js" or "" && new FileInfo(f).Length < 1_000_000)
            .ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.All(outside, o => Assert.False(text.Contains(o, StringComparison.Ordinal), $"{Path.GetRelativePath(Repo.Root, file)} refers to {o}"));
        }
    }

    private static FieldDef Field(FieldTable table, string name) => table.Fields.Single(f => f.Name == name);
}
