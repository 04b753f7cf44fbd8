using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Documents.Diff;
using ApiContracts.Documents.Import;

namespace ApiContracts.Documents.Tests;

/// <summary>
/// The five pages imported again agree with their committed definitions on names, types, mandatory flags
/// (where the page prints them), tables and examples. Checked row by row here, independently of drift's masking.
/// </summary>
public class ImportRoundTripTests
{
    public static TheoryData<string> Apis() => new(Repo.Catalog.Apis.Select(a => a.Id));

    [Theory]
    [MemberData(nameof(Apis))]
    public void Page_ImportsWithTheCommittedRowsTypesMandatoryFlagsAndTables(string id)
    {
        var api = Repo.Catalog.Api(id);
        var page = Import(id);
        var problems = new List<string>();

        foreach (var (part, table) in page.Request)
        {
            var committed = api.RequestPart(part);
            if (committed is null)
            {
                problems.Add($"/request/{part}: the page has the table '{table.Caption}', the definition none");
                continue;
            }

            Compare($"/request/{part}", table, committed, problems);
        }

        Compare($"/responses/{api.Operation.SuccessStatus}", page.Response!, api.Success.Body!, problems);
        if (page.Errors is { } errors) Compare("/errors", errors, api.Errors.Fields, problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Page_ImportsWithTheCommittedExamplesVerbatim(string id)
    {
        var api = Repo.Catalog.Api(id);
        var page = Import(id);

        Assert.Equal(api.Success.Examples.Select(e => e.Json), page.ResponseExamples.Select(e => e.Json));
        Assert.Equal(api.Request.Body?.Examples.Select(e => e.Json) ?? [], page.RequestExamples.Select(e => e.Json));
        Assert.Equal(api.Errors.Examples.Select(e => (e.Name, e.Json)), page.ErrorExamples.Select(e => (e.Name, e.Json)));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Page_ImportsWithTheCommittedRequestLineAndStatusTable(string id)
    {
        var api = Repo.Catalog.Api(id);
        var page = Import(id);

        Assert.Equal((api.Operation.Method, api.Operation.Path, api.Operation.Host), (page.Operation.Method, page.Operation.Path, page.Operation.Host));
        Assert.Equal(api.Operation.DocumentedStatuses, page.Statuses.Select(s => s.Status));
        if (page.SuccessStatus is { } success) Assert.Equal(api.Operation.SuccessStatus, success);
    }

    [Fact]
    public void DiffOfEachImportAgainstItsDefinition_ShowsNoDifference()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            Assert.Empty(Drift.DriftCheck.Compare(api, Import(api.Id)));
        }
    }

    [Fact]
    public void AbsentMandatoryColumn_StaysUnknown_NeverGuessed()
    {
        var histories = Import("servicestage-config-histories");
        var pai = Import("pai-dsw-instance-snapshots");

        Assert.All(histories.Request.Values.SelectMany(t => t.Rows), r => Assert.Null(r.Mandatory));
        Assert.All(histories.Response!.Rows.Concat(pai.Response!.Rows), r => Assert.Null(r.Mandatory));
        Assert.Contains(histories.Questions, q => q.About == "/request/query" && q.Text.Contains("是否必选", StringComparison.Ordinal));
        Assert.Equal(true, pai.Request[RequestPart.Path].Rows.Single().Mandatory);
    }

    [Fact]
    public void Constraints_ComeFromUnambiguousWording_EachWithItsSentence()
    {
        var pai = Import("pai-dsw-instance-snapshots").Request[RequestPart.Query].Rows;
        var snapshots = Import("servicestage-instance-snapshots").Request[RequestPart.Query].Rows;
        var histories = Import("servicestage-config-histories").Request[RequestPart.Query].Rows;
        var action = Import("servicestage-instance-action").Request[RequestPart.Body].Rows;

        var pageNumber = pai.Single(r => r.Name == "PageNumber");
        Assert.Equal(("1", "The value must be greater than or equal to 1."), (pageNumber.Constraint("minimum")!.Value.ToJsonString(), pageNumber.Constraint("minimum")!.Sentence));
        Assert.Equal(("10", "The default value is 10."), (pai.Single(r => r.Name == "PageSize").Constraint("default")!.Value.ToJsonString(), pai.Single(r => r.Name == "PageSize").Constraint("default")!.Sentence));
        Assert.Equal("[\"gmtCreate\"]", pai.Single(r => r.Name == "SortBy").Constraint("enum")!.Value.ToJsonString());
        var order = snapshots.Single(r => r.Name == "order");
        Assert.Equal(("[\"desc\",\"asc\"]", "\"desc\"", "• desc (default)"), (order.Constraint("enum")!.Value.ToJsonString(), order.Constraint("default")!.Value.ToJsonString(), order.Constraint("default")!.Sentence));
        var limit = histories.Single(r => r.Name == "limit");
        Assert.Equal(("0", "100", "指定个数,取值[0, 100]。"), (limit.Constraint("minimum")!.Value.ToJsonString(), limit.Constraint("maximum")!.Value.ToJsonString(), limit.Constraint("maximum")!.Sentence));
        Assert.Equal("[\"create_time\",\"name\",\"update_time\"]", histories.Single(r => r.Name == "order_by").Constraint("enum")!.Value.ToJsonString());
        var parameters = action.Single(r => r.Name == "parameters").Constraint("required_when")!;
        Assert.Equal(("/action", "[\"scale\",\"rollback\"]"), (parameters.Field, parameters.Value.ToJsonString()));
    }

    [Fact]
    public void AmbiguousWording_BecomesAnOpenQuestion_NotAConstraint()
    {
        var page = Import("servicestage-instance-snapshots");
        var limit = page.Request[RequestPart.Query].Rows.Single(r => r.Name == "limit");

        Assert.Empty(limit.Constraints);
        Assert.Contains(page.Questions, q => q.About == "/request/query/limit" && q.Text.Contains("The value is 1000 or ranges from 0 to 100.", StringComparison.Ordinal));
        var pai = Import("pai-dsw-instance-snapshots");
        Assert.Empty(pai.Request[RequestPart.Query].Rows.Single(r => r.Name == "Order").Constraints);
        Assert.Contains(pai.Questions, q => q.About == "/request/query/Order" && q.Text.Contains("Valid values:", StringComparison.Ordinal));
        var histories = Import("servicestage-config-histories");
        Assert.Null(histories.SuccessStatus);
        Assert.Contains(histories.Questions, q => q.About == "/operation/success_status" && q.Text.Contains("204", StringComparison.Ordinal));
    }

    [Fact]
    public void HtmlPage_ImportsAsItsTextPage()
    {
        var text = ImportView.Of(Import("servicestage-instance-action"));
        var html = ImportView.Of(PageImporter.ImportFile(Path.Combine(AppContext.BaseDirectory, "Pages", "servicestage-instance-action.html"), "servicestage-instance-action"));

        Assert.Equal(text.Nodes.Select(n => n.Key), html.Nodes.Select(n => n.Key));
        foreach (var (a, b) in text.Nodes.Zip(html.Nodes)) Assert.Equal(a.Facts.OrderBy(kv => kv.Key), b.Facts.OrderBy(kv => kv.Key));
        Assert.Empty(Drift.DriftCheck.Compare(Repo.Catalog.Api("servicestage-instance-action"), PageImporter.ImportFile(Path.Combine(AppContext.BaseDirectory, "Pages", "servicestage-instance-action.html"), "servicestage-instance-action")));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Draft_LoadsOnceEveryOpenDecisionIsMade(string id)
    {
        var page = Import(id);
        var draft = DraftWriter.Write(page);

        var raw = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(draft, id + ".yaml"));
        var lines = draft.Split('\n');
        Assert.All(raw.Problems, p => Assert.True(
            p.Message.Contains("TODO", StringComparison.Ordinal) || p.Message.Contains("unknown", StringComparison.Ordinal) || lines[p.Location.Line - 1].Contains("TODO", StringComparison.Ordinal) || lines[p.Location.Line - 1].Contains("unknown", StringComparison.Ordinal),
            $"a problem of the raw draft that is not an open decision: {p}"));

        var decided = Decide(draft, page);
        var loaded = DefinitionLoader.Load(decided, id + ".yaml");
        Assert.Equal(page.Operation.Path, loaded.Operation.Path);
        Assert.Equal(page.Questions.Count, loaded.Assumptions.Count);
        Assert.DoesNotContain(Drift.DriftCheck.Compare(loaded, page), c => c.Kind is "request-type-changed" or "response-type-changed" or "response-removed" or "example-changed");
    }

    // What a person does with a draft: a decision for every TODO and unknown.
    private static string Decide(string draft, ImportedPage page) => draft
        .Replace("mandatory: unknown", "mandatory: true", StringComparison.Ordinal)
        .Replace("type: TODO", "type: string", StringComparison.Ordinal)
        .Replace("additional_properties: TODO", "additional_properties: true", StringComparison.Ordinal)
        .Replace("provider: TODO", "provider: evs", StringComparison.Ordinal)
        .Replace("success_status: TODO", "success_status: 200", StringComparison.Ordinal)
        .Replace("- status: TODO", "- status: 200", StringComparison.Ordinal)
        .Replace("style: TODO", "style: servicestage", StringComparison.Ordinal)
        .Replace("parent: TODO", $"parent: {page.Operation.PathNames[0]}", StringComparison.Ordinal)
        .Replace(": TODO}", ": x}", StringComparison.Ordinal)
        .Replace(": TODO,", ": x,", StringComparison.Ordinal)
        .Replace("request: {}  # TODO: the page has no request tables", "request:\n  path:\n    table: decided\n    fields:\n" + string.Concat(page.Operation.PathNames.Select(n => $"      - {{name: {n}, mandatory: true, type: string, description: decided}}\n")), StringComparison.Ordinal);

    private static void Compare(string pointer, ImportedTable imported, FieldTable committed, List<string> problems)
    {
        if (imported.Caption is not null && imported.Caption != committed.Caption) problems.Add($"{pointer}: caption '{imported.Caption}' on the page, '{committed.Caption}' in the definition");
        var names = imported.Rows.Select(r => r.Name).ToList();
        var expected = committed.Fields.Where(f => f.Constraints.Origin != "assumption").Select(f => f.Name).ToList();
        if (!names.SequenceEqual(expected)) problems.Add($"{pointer}: rows [{string.Join(", ", names)}] on the page, [{string.Join(", ", expected)}] in the definition");
        foreach (var row in imported.Rows)
        {
            var field = committed.Fields.FirstOrDefault(f => f.Name == row.Name);
            if (field is null) continue;
            var here = $"{pointer}/{row.Name}";
            if (row.Type != field.Type) problems.Add($"{here}: type {row.Type} on the page, {field.Type} in the definition");
            if (row.DocType != field.Constraints.DocType) problems.Add($"{here}: printed type '{row.DocType}' on the page, '{field.Constraints.DocType}' in the definition");
            if (row.Mandatory is { } m && m != field.Mandatory) problems.Add($"{here}: mandatory {m} on the page, {field.Mandatory} in the definition");
            if (row.DocExample != field.Constraints.DocExample) problems.Add($"{here}: example column '{row.DocExample}' on the page, '{field.Constraints.DocExample}' in the definition");
            if (row.Origin != field.Constraints.Origin) problems.Add($"{here}: origin {row.Origin} on the page, {field.Constraints.Origin} in the definition");
            if (row.Fields is { } nested) Compare(here, nested, field.Fields ?? new FieldTable(string.Empty, [], []), problems);
            if (row.Items is { } items)
            {
                if (items.Type is { } t && t != field.Items?.Type) problems.Add($"{here}: items of type {t} on the page, {field.Items?.Type} in the definition");
                if (items.Fields is { } itemTable) Compare(here, itemTable, field.Items?.Fields ?? new FieldTable(string.Empty, [], []), problems);
            }
        }
    }

    internal static ImportedPage Import(string id) =>
        PageImporter.ImportFile(Path.Combine(Repo.Sources, id + ".txt"), id);
}
