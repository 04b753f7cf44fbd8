using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Core.Tests;

/// <summary>
/// No constraint without its source: everything a schema rejects beyond a row's type is stated by the page
/// (<c>page</c>) or decided by a named assumption, and the definition says which.
/// </summary>
public class ConstraintSourceTests
{
    private const string Snapshots = "contracts/apis/servicestage-instance-snapshots.yaml";
    private static readonly string Valid = File.ReadAllText(Path.Combine(Repo.Root, Snapshots));

    public static TheoryData<string> ApiIds()
    {
        var data = new TheoryData<string>();
        foreach (var api in Repo.Catalog.Apis) data.Add(api.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void EveryConstraint_ComesFromThePageOrANamedAssumption(string apiId)
    {
        var api = Repo.Catalog.Api(apiId);

        var constraints = ConstraintSources.Of(api).ToList();

        var unsourced = constraints.Where(c => c.Source is null).Select(c => c.ToString()).ToList();
        Assert.True(unsourced.Count == 0, $"{apiId}: constraints neither from the page nor from an assumption:\n{string.Join('\n', unsourced)}");
        Assert.All(constraints, c => Assert.True(c.Source == ConstraintSources.Page || api.Assumptions.Any(a => a.Id == c.Source), c.ToString()));
        Assert.Contains(constraints, c => c.Kind == "closed");
        Assert.Contains(constraints, c => c.Kind == "mandatory");
    }

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void RowSources_NameOnlyConstraintsTheRowCarries(string apiId)
    {
        var stale = new List<string>();
        foreach (var (pointer, field) in Rows(Repo.Catalog.Api(apiId)))
        {
            var carried = ConstraintSources.KindsOf(field).ToHashSet(StringComparer.Ordinal);
            stale.AddRange(field.Constraints.Sources.Keys.Where(k => !carried.Contains(k)).Select(k => $"{field.Location}: {pointer} names a source for '{k}', which it does not carry"));
        }

        Assert.True(stale.Count == 0, string.Join('\n', stale));
    }

    [Fact]
    public void ConstraintWithoutSource_IsFound()
    {
        // A maximum the page does not state, with no source: exactly what the test above must catch.
        var yaml = Valid.Replace("        default: 0\n        minimum: 0\n", "        default: 0\n        minimum: 0\n        maximum: 5000\n", StringComparison.Ordinal);
        var api = DefinitionLoader.Load(yaml, Snapshots);

        var unsourced = ConstraintSources.Of(api).Where(c => c.Source is null).ToList();

        var found = Assert.Single(unsourced);
        Assert.Equal(("/request/query/offset", "maximum"), (found.Pointer, found.Kind));
    }

    [Fact]
    public void TableSources_ApplyToNestedRows_AndARowOverridesThem()
    {
        var api = Repo.Catalog.Api("servicestage-instance-snapshots");

        var constraints = ConstraintSources.Of(api).ToList();

        Assert.Contains(constraints, c => c is { Pointer: "/responses/200/snapshots/version", Kind: "mandatory", Source: "A6" });
        Assert.Contains(constraints, c => c is { Pointer: "/responses/200/snapshots", Kind: "closed", Source: "A12" });
        Assert.Contains(constraints, c => c is { Pointer: "/responses/200/count", Kind: "minimum", Source: "A11" });
        Assert.Contains(constraints, c => c is { Pointer: "/request/query/order", Kind: "enum", Source: "page" });
    }

    [Theory]
    [InlineData("sources: {minimum: A4}", "sources: {minimum: A99}", "assumption A99 is referenced but not defined")]
    [InlineData("sources: {minimum: A4}", "sources: {minimum: table}", "allowed: page or an assumption id")]
    [InlineData("sources: {minimum: A4}", "sources: {minimun: A4}", "'minimun', which is not a kind of constraint")]
    public void Load_BadSource_IsReportedAtItsLine(string from, string to, string words)
    {
        var yaml = Valid.Replace(from, to, StringComparison.Ordinal);

        var ex = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, Snapshots));

        Assert.Contains(ex.Problems, p => p.Message.Contains(words, StringComparison.Ordinal) && p.Location.Line > 1);
    }

    [Fact]
    public void GeneratedSchemas_UseOnlyKeywordsTheDefinitionsAccountFor()
    {
        // Each validating keyword comes from a constraint kind above (or the row's type); a new one needs a source first.
        string[] known =
        [
            "$schema", "$id", "$comment", "title", "description", "default", "examples", "type", "properties", "required",
            "additionalProperties", "items", "enum", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
            "pattern", "format", "allOf", "anyOf", "not", "oneOf",
        ];
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var schema in Repo.Catalog.Schemas)
        {
            Keywords(schema.Schema, found);
            Keywords(schema.Closed, found);
        }

        Assert.DoesNotContain(found, k => !k.StartsWith("x-", StringComparison.Ordinal) && !known.Contains(k));
    }

    [Fact]
    public void Definitions_CarryNoShapeThePageDoesNotPromise()
    {
        var jobId = Repo.Catalog.Api("servicestage-instance-action").Success.Body!.Fields.Single(f => f.Name == "job_id");

        Assert.Null(jobId.Constraints.Pattern);
        Assert.Equal("job-id", jobId.Constraints.Hint);
        Assert.Empty(Repo.Catalog.Validate("servicestage-instance-action", "response.200", Repo.Parse("""{"job_id": "b2f7c0de-job"}""")));
    }

    private static void Keywords(JsonNode? node, SortedSet<string> found)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) Keywords(item, found);
            return;
        }

        if (node is not JsonObject schema) return;
        foreach (var (key, value) in schema)
        {
            found.Add(key);
            switch (key)
            {
                case "properties":
                    foreach (var (_, property) in (JsonObject)value!) Keywords(property, found);
                    break;
                case "items" or "not" or "additionalProperties":
                    Keywords(value, found);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    Keywords(value, found);
                    break;
            }
        }
    }

    private static IEnumerable<(string Pointer, FieldDef Field)> Rows(ApiDefinition api)
    {
        IEnumerable<(string, FieldDef)> Walk(FieldTable table, string prefix)
        {
            foreach (var field in table.Fields)
            {
                var pointer = $"{prefix}/{field.Name}";
                yield return (pointer, field);
                if (field.Items is { } items) yield return (pointer, items);
                var nested = field.Fields ?? field.Items?.Fields;
                if (nested is null) continue;
                foreach (var row in Walk(nested, pointer)) yield return row;
            }
        }

        foreach (var (part, table) in api.Request.Parts())
        {
            foreach (var row in Walk(table, "/request/" + part.ToString().ToLowerInvariant())) yield return row;
        }

        foreach (var response in api.Responses.Where(r => r.Body is not null))
        {
            foreach (var row in Walk(response.Body!, $"/responses/{response.Status}")) yield return row;
        }

        foreach (var row in Walk(api.Errors.Fields, "/errors")) yield return row;
    }
}
