using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Export;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Tests;

public class SeedVariationTests
{
    // Hints whose values come from a closed set, like an enum the page describes in words.
    private static readonly string[] EnumHints = ["evs-snapshot-status", "dsw-snapshot-status"];

    /// <summary>Every enum-valued field of every API's fixture records, as a JSON pointer into the record.</summary>
    public static TheoryData<string, string> EnumFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            var items = RecordGenerator.ItemsField(api);
            var tables = items is not null ? [(string.Empty, items.Items!.Fields!)] : new[] { ("/request", api.Request.Body!), ("/response", api.Success.Body!) };
            foreach (var (prefix, table) in tables)
            {
                foreach (var pointer in Walk(table, prefix)) data.Add(api.Id, pointer);
            }
        }

        return data;
    }

    private static IEnumerable<string> Walk(FieldTable table, string prefix)
    {
        foreach (var field in table.Fields)
        {
            var pointer = prefix + "/" + field.Name;
            if (field.Constraints.Enum is { Count: > 1 } || EnumHints.Contains(field.Constraints.Hint)) yield return pointer;
            if (field.Fields is not null)
            {
                foreach (var inner in Walk(field.Fields, pointer)) yield return inner;
            }
        }
    }

    private static List<string> Values(string apiId, string pointer, ulong seed, int count)
    {
        var api = Repo.Catalog.Api(apiId);
        var source = FixtureSource.For(Repo.Catalog, apiId);
        var dataset = Dataset.ForKnownParent(api, null, seed, count);
        return Enumerable.Range(0, count).Select(i => Flatten.Cell(source.Record(dataset, i), pointer)).ToList();
    }

    [Fact]
    public void TheEnumFields_IncludeTheStatusesAndTheAction()
    {
        var fields = EnumFields().Select(row => $"{row[0]}{row[1]}").ToList();

        Assert.Contains("evs-snapshots-detail/status", fields);
        Assert.Contains("pai-dsw-instance-snapshots/Status", fields);
        Assert.Contains("servicestage-instance-action/request/action", fields);
    }

    [Theory]
    [MemberData(nameof(EnumFields))]
    public void EnumValuedField_VariesWithTheSeed_NotJustShifted(string apiId, string pointer)
    {
        const int count = 120;
        var sequences = new[] { 1UL, 2UL, 3UL, 77UL }.Select(seed => Values(apiId, pointer, seed, count)).ToList();

        Assert.All(sequences, s => Assert.True(s.Distinct().Count() > 1, $"{apiId}{pointer} takes one value only"));
        for (var a = 0; a < sequences.Count; a++)
        {
            for (var b = a + 1; b < sequences.Count; b++)
            {
                // Not equal under any shift: a fixed cycle merely rotated per seed would be.
                for (var shift = 0; shift < count / 2; shift++)
                {
                    var first = sequences[a];
                    var second = sequences[b];
                    Assert.False(first.Skip(shift).SequenceEqual(second.Take(count - shift)), $"{apiId}{pointer}: seed sequences {a} and {b} match shifted by {shift}");
                    Assert.False(second.Skip(shift).SequenceEqual(first.Take(count - shift)), $"{apiId}{pointer}: seed sequences {b} and {a} match shifted by {shift}");
                }
            }
        }
    }
}
