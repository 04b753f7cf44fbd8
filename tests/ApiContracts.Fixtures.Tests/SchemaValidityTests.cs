using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.EdgeCases;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Tests;

public class SchemaValidityTests
{
    public static TheoryData<string, string, string> ApisAndLocales()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            data.Add(api.Id, "en", "realistic");
            data.Add(api.Id, "zh_CN", "realistic");
            data.Add(api.Id, "en", "edge");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApisAndLocales))]
    public void TenThousandRecords_ValidateAgainstTheirSchemas(string apiId, string locale, string profile)
    {
        var api = Repo.Catalog.Api(apiId);
        var source = FixtureSource.For(Repo.Catalog, apiId, new GeneratorOptions { Locale = locale });
        var dataset = Dataset.ForKnownParent(api, null, 42, 10_000, FixtureProfile.Parse(profile));
        for (var start = 0; start < dataset.Size; start += 100)
        {
            var records = Enumerable.Range(start, 100).Select(i => source.Record(dataset, i)).ToList();
            if (api.Pagination is not null)
            {
                var page = PageBuilder.Page(api, records, dataset.Size, null, (ulong)start);
                var errors = Repo.Catalog.Validate(apiId, "response.200", page);
                Assert.True(errors.Count == 0, string.Join('\n', errors.Take(5)));
            }
            else
            {
                foreach (var record in records)
                {
                    Assert.Empty(Repo.Catalog.Validate(apiId, "request.body", record["request"]));
                    Assert.Empty(Repo.Catalog.Validate(apiId, "response.200", record["response"]));
                }
            }
        }
    }

    public static TheoryData<string, string> EdgeCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var edge in EdgeCaseSets.For(Repo.Catalog, api.Id, 1)) data.Add(api.Id, edge.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCase_ValidatesAgainstItsSchema(string apiId, string name)
    {
        var edge = EdgeCaseSets.For(Repo.Catalog, apiId, 1).Single(e => e.Name == name);

        var errors = Repo.Catalog.Validate(apiId, edge.Part, edge.Body);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void EdgeCaseSets_CoverTheNamedEdges()
    {
        foreach (var api in Repo.Catalog.Apis.Where(a => a.Pagination is not null))
        {
            var names = EdgeCaseSets.For(Repo.Catalog, api.Id, 1).Select(e => e.Name).ToList();
            Assert.Subset(names.ToHashSet(), new HashSet<string> { "empty-list", "single-item", "full-page", "boundary-first-page", "boundary-last-page", "max-page", "long-strings", "cjk-emoji" });
            Assert.All(api.Responses.Where(r => r.IsError), r => Assert.Contains($"error-{r.Status}", names));
        }

        var evs = EdgeCaseSets.For(Repo.Catalog, "evs-snapshots-detail", 1);
        Assert.Contains("nulls", evs.Select(e => e.Name));
        Assert.NotNull(evs.Single(e => e.Name == "boundary-first-page").Body["snapshots_links"]);
        Assert.Null(evs.Single(e => e.Name == "boundary-last-page").Body["snapshots_links"]);
        Assert.Equal(1000, evs.Single(e => e.Name == "max-page").Body["snapshots"]!.AsArray().Count);
        Assert.Equal(1000, EdgeCaseSets.For(Repo.Catalog, "servicestage-instance-snapshots", 1).Single(e => e.Name == "max-page").Body["snapshots"]!.AsArray().Count);
        Assert.Equal(100, EdgeCaseSets.For(Repo.Catalog, "pai-dsw-instance-snapshots", 1).Single(e => e.Name == "max-page").Body["Snapshots"]!.AsArray().Count);
    }
}
