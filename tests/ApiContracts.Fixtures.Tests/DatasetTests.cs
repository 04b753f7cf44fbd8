using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Tests;

public class DatasetTests
{
    public static TheoryData<string> ApiIds() => new(Repo.Catalog.Apis.Select(a => a.Id));

    public static TheoryData<string> ListingApiIds() => new(Repo.Catalog.Apis.Where(a => a.Pagination is not null).Select(a => a.Id));

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void RecordAlone_EqualsRecordFromASequentialRun(string apiId)
    {
        var source = FixtureSource.For(Repo.Catalog, apiId);
        var dataset = Dataset.ForKnownParent(Repo.Catalog.Api(apiId), null, 7, 500);
        var sequential = Enumerable.Range(0, 500).Select(i => source.Record(dataset, i).ToJsonString()).ToList();

        foreach (var i in new[] { 499, 0, 250, 17 })
        {
            Assert.Equal(sequential[i], FixtureSource.For(Repo.Catalog, apiId).Record(dataset, i).ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void EdgeProfile_RecordAlone_EqualsRecordFromASequentialRun(string apiId)
    {
        var source = FixtureSource.For(Repo.Catalog, apiId);
        var dataset = Dataset.ForKnownParent(Repo.Catalog.Api(apiId), null, 7, 500, FixtureProfile.Edge);
        var sequential = Enumerable.Range(0, 500).Select(i => source.Record(dataset, i).ToJsonString()).ToList();

        foreach (var i in new[] { 499, 0, 250, 17 })
        {
            Assert.Equal(sequential[i], FixtureSource.For(Repo.Catalog, apiId).Record(dataset, i).ToJsonString());
        }

        Assert.NotEqual(sequential, Enumerable.Range(0, 500).Select(i => source.Record(Dataset.ForKnownParent(Repo.Catalog.Api(apiId), null, 7, 500), i).ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(ListingApiIds))]
    public void FarRecord_OfABillionRecordDataset_IsMadeAloneAndValid(string apiId)
    {
        var api = Repo.Catalog.Api(apiId);
        var generator = new RecordGenerator(api);
        var dataset = Dataset.ForKnownParent(api, null, 3, 1_000_000_000);

        var last = generator.Record(dataset, 999_999_999);
        var before = generator.Record(dataset, 999_999_998);

        Assert.Empty(Repo.Catalog.Validate(apiId, "response.200", PageBuilder.Page(api, [last, before], dataset.Size, null, 1)));
    }

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void DifferentSeeds_GiveDifferentRecords(string apiId)
    {
        var source = FixtureSource.For(Repo.Catalog, apiId);
        var api = Repo.Catalog.Api(apiId);
        var a = Enumerable.Range(0, 20).Select(i => source.Record(Dataset.ForKnownParent(api, null, 1, 20), i).ToJsonString());
        var b = Enumerable.Range(0, 20).Select(i => source.Record(Dataset.ForKnownParent(api, null, 2, 20), i).ToJsonString());

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void DifferentParents_GiveDifferentRecords()
    {
        var api = Repo.Catalog.Api("evs-snapshots-detail");
        var generator = new RecordGenerator(api);
        var first = generator.Record(Dataset.ForKnownParent(api, api.Dataset.Parents[0]["project_id"], 1, 5), 0);
        var second = generator.Record(Dataset.ForKnownParent(api, api.Dataset.Parents[1]["project_id"], 1, 5), 0);

        Assert.NotEqual(first["id"]!.ToJsonString(), second["id"]!.ToJsonString());
        Assert.Equal(api.Dataset.Parents[1]["project_id"], (string?)second["os-extended-snapshot-attributes:project_id"]);
    }

    [Theory]
    [MemberData(nameof(ApiIds))]
    public void AddingAFieldToTheDefinition_LeavesOtherFieldsUnchanged(string apiId)
    {
        var original = Repo.Catalog.Api(apiId);
        var text = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", apiId + ".yaml"));
        var anchor = original.Pagination is not null ? "          fields:\n" : "    fields:\n";
        var row = original.Pagination is not null
            ? "            - name: added_field\n              mandatory: true\n              type: string\n              description: A field added by the test.\n"
            : "      - name: added_field\n        mandatory: false\n        type: string\n        description: A field added by the test.\n";
        var at = original.Pagination is not null ? text.IndexOf(anchor, text.IndexOf("responses:", StringComparison.Ordinal), StringComparison.Ordinal) : text.IndexOf(anchor, text.IndexOf("  body:", StringComparison.Ordinal), StringComparison.Ordinal);
        var changed = DefinitionLoader.Load(text.Insert(at + anchor.Length, row), $"contracts/apis/{apiId}.yaml");
        var catalog = ContractCatalog.From(Repo.Catalog.Apis.Select(a => a.Id == apiId ? changed : a).ToList());
        var before = FixtureSource.For(Repo.Catalog, apiId);
        var after = FixtureSource.For(catalog, apiId);

        foreach (var profile in FixtureProfile.All)
        {
            for (var i = 0; i < 200; i++)
            {
                var a = before.Record(Dataset.ForKnownParent(original, null, 5, 200, profile), i);
                var b = after.Record(Dataset.ForKnownParent(changed, null, 5, 200, profile), i);
                if (original.Pagination is not null) Assert.True(b.Remove("added_field"), "the new field is generated");
                Assert.Equal(a.ToJsonString(), b.ToJsonString());
            }
        }
    }
}
