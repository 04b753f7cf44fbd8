using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ApiContracts.Properties.Tests;

/// <summary>A record of some dataset: API, seed, size and index within it.</summary>
public sealed record RecordCase(string ApiId, ulong Seed, long Size, long Index)
{
    public static Arbitrary<RecordCase> Arbitrary() => Arb.From(
        from api in Gen.Elements(Repo.Catalog.Apis.Select(a => a.Id).ToArray())
        from seed in Gen.Choose(0, int.MaxValue).Select(n => (ulong)n * 0x9E3779B1UL)
        from size in Gen.Frequency((3, Gen.Elements(1L, 2L, 10L, 11L, 1000L)), (2, Gen.Choose(1, 5000).Select(n => (long)n)), (2, Gen.Elements(1_000_000_000L, 999_999_999L)))
        from fraction in Gen.Choose(0, 1000)
        from edge in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Constant(0)), (1, Gen.Constant(1)))
        select new RecordCase(api, seed, size, edge switch { 0 => 0, 1 => size - 1, _ => size * fraction / 1001 }),
        c => new[] { c with { Index = 0 }, c with { Size = Math.Max(1, c.Size / 2), Index = Math.Min(c.Index, Math.Max(1, c.Size / 2) - 1) }, c with { Seed = 0 } }.Where(x => x != c).Distinct());
}

public sealed class GeneratorProperties
{
    public static Arbitrary<RecordCase> Records() => RecordCase.Arbitrary();

    [Property(Arbitrary = [typeof(GeneratorProperties)], MaxTest = 3000)]
    public void AnyRecord_ValidatesAgainstItsSchema(RecordCase c)
    {
        var api = Repo.Catalog.Api(c.ApiId);
        var source = FixtureSource.For(Repo.Catalog, c.ApiId);
        var record = source.Record(Dataset.ForKnownParent(api, null, c.Seed, c.Size), c.Index);
        if (api.Pagination is not null)
        {
            var errors = Repo.Catalog.Validate(c.ApiId, "response.200", PageBuilder.Page(api, [record], c.Size, null, c.Seed));
            Assert.True(errors.Count == 0, string.Join('\n', errors));
        }
        else
        {
            Assert.Empty(Repo.Catalog.Validate(c.ApiId, "request.body", record["request"]));
            Assert.Empty(Repo.Catalog.Validate(c.ApiId, "response.200", record["response"]));
        }
    }

    [Property(Arbitrary = [typeof(GeneratorProperties)], MaxTest = 1000)]
    public void RecordAlone_EqualsRecordInSequence(RecordCase c)
    {
        var api = Repo.Catalog.Api(c.ApiId);
        var dataset = Dataset.ForKnownParent(api, null, c.Seed, c.Size);
        var start = Math.Max(0, c.Index - 3);
        var sequence = FixtureSource.For(Repo.Catalog, c.ApiId);
        var run = Enumerable.Range(0, (int)(c.Index - start + 1)).Select(i => sequence.Record(dataset, start + i).ToJsonString()).ToList();

        var alone = FixtureSource.For(Repo.Catalog, c.ApiId).Record(dataset, c.Index).ToJsonString();

        Assert.Equal(run[^1], alone);
    }
}
