using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Tests;

public class OrderedVersionsTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(1_000L)]
    [InlineData(999_000_000L)]
    public void Ordinal_InvertsSemver_AndLabelsRise(long from)
    {
        var previous = from == 1 ? new Version(0, 0, 0) : Version.Parse(OrderedVersions.Semver(from - 1));
        for (var ordinal = from; ordinal < from + 3_000; ordinal++)
        {
            var label = OrderedVersions.Semver(ordinal);
            Assert.Equal(ordinal, OrderedVersions.Ordinal(label));
            var version = Version.Parse(label);
            Assert.True(version > previous, $"{label} does not rise after {previous}");
            // A minor or major bump starts its line at patch 0 (and a major at minor 0).
            if (version.Major != previous.Major) Assert.Equal((0, 0), (version.Minor, version.Build));
            else if (version.Minor != previous.Minor) Assert.Equal(0, version.Build);
            else Assert.Equal(previous.Build + 1, version.Build);
            previous = version;
        }
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.-1")]
    [InlineData("1.999.0")]
    [InlineData("1.0.999")]
    [InlineData("9.9.9")]
    [InlineData("99999999999999999999.0.0")]
    [InlineData("v1.0.0")]
    public void Ordinal_IsZero_ForWhatNoOrdinalProduces(string label) => Assert.Equal(0, OrderedVersions.Ordinal(label));

    [Fact]
    public void TheFirstLabels_StartAtOneZeroZero_AndTheShares_AreMostlyPatches()
    {
        Assert.Equal("1.0.0", OrderedVersions.Semver(1));
        Assert.Equal("1.0.1", OrderedVersions.Semver(2));
        var (patch, minor, major) = OrderedVersions.Shares;
        Assert.InRange(patch, 0.75, 0.9);
        Assert.InRange(minor, 0.1, 0.25);
        Assert.InRange(major, 0.005, 0.01);
        Assert.Equal(1.0, patch + minor + major, 9);
    }

    [Fact]
    public void Describe_CoversEveryFieldOfEveryApi_InBothProfiles()
    {
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var profile in FixtureProfile.All)
            {
                var fields = FixtureDistributions.For(Repo.Catalog, api.Id, profile);
                var source = FixtureSource.For(Repo.Catalog, api.Id);
                var record = source.Record(Dataset.ForKnownParent(api, null, 1, 10, profile), 0);
                var top = api.Pagination is null ? new[] { "request.action", "response.job_id" } : record.Select(kv => kv.Key).ToArray();
                Assert.All(top, name => Assert.Contains(fields, f => f.Field == name));
                Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Distribution), $"{api.Id} {f.Field} has no words"));
            }
        }

        var evs = FixtureDistributions.Text(Repo.Catalog, "evs-snapshots-detail", FixtureProfile.Realistic);
        Assert.Contains("profile realistic (the default)", evs, StringComparison.Ordinal);
        Assert.Contains("status: dealt in blocks of 1,024 records", evs, StringComparison.Ordinal);
        Assert.Contains("size: the size of the snapshot's disk; disks take common sizes: 40 30%", evs, StringComparison.Ordinal);
        Assert.Contains("description: null in 30% of records", evs, StringComparison.Ordinal);
        var edge = FixtureDistributions.Text(Repo.Catalog, "evs-snapshots-detail", FixtureProfile.Edge);
        Assert.Contains("description: null in 50% of records; otherwise stress text", edge, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_Parse_NamesTheAllowedProfiles()
    {
        Assert.Same(FixtureProfile.Edge, FixtureProfile.Parse("edge"));
        var ex = Assert.Throws<ArgumentException>(() => FixtureProfile.Parse("wild"));
        Assert.Contains("unknown profile 'wild' (allowed: realistic, edge)", ex.Message, StringComparison.Ordinal);
    }
}

public class CommittedArtifactTests
{
    [Fact]
    public void ApiPages_AndSamples_MatchWhatTheGeneratorsMake()
    {
        var set = new ApiContracts.Core.Generation.ArtifactSet();
        ApiContracts.Core.Generation.ContractArtifacts.AddTo(set, Repo.Catalog);
        ApiContracts.Fixtures.EdgeCases.FixtureArtifacts.AddTo(set, Repo.Catalog);

        // Schemas, API pages with their fixture sections, and the samples (stub packs and pacts belong to other projects).
        Assert.Empty(set.Diff(Repo.Root));
        Assert.All(Repo.Catalog.Apis, api => Assert.Contains("\n## Fixture values\n", set.Files[$"contracts/docs/{api.Id}.md"], StringComparison.Ordinal));
    }
}
