using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Tests;

public class ConsistencyTests
{
    private static List<JsonObject> Records(string apiId, long size, string locale = "en", int seed = 11)
    {
        var api = Repo.Catalog.Api(apiId);
        var generator = new RecordGenerator(api, new GeneratorOptions { Locale = locale });
        return generator.Records(Dataset.ForKnownParent(api, null, (ulong)seed, size), 0, size).ToList();
    }

    [Fact]
    public void InstanceSnapshots_BelongToTheParent_NewestFirst_VersionsRising()
    {
        var records = Records("servicestage-instance-snapshots", 10_050);
        var parent = Repo.Catalog.Api("servicestage-instance-snapshots").Dataset.Parents[0]["instance_id"];

        Assert.All(records, r => Assert.Equal(parent, (string?)r["instance_id"]));
        for (var i = 1; i < records.Count; i++)
        {
            Assert.True((long)records[i - 1]["create_time"]! > (long)records[i]["create_time"]!, $"create_time not strictly decreasing at {i}");
            Assert.True(Version.Parse((string)records[i - 1]["version"]!) > Version.Parse((string)records[i]["version"]!), $"version not rising with time at {i}");
        }

        Assert.Equal("1.0.0", (string?)records[^1]["version"]);
        Assert.Contains((string)records[0]["version"]!, (string)records[0]["description"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(9_000L)]
    [InlineData(123_456_000L)]
    [InlineData(999_996_000L)]
    public void Timeline_IsStrictAtSecondPrecision_AcrossBlocksAndGroups(long from)
    {
        var reference = new GeneratorOptions().ReferenceTime;
        var timeline = new Timeline(reference);
        var previous = reference.ToUnixTimeMilliseconds() / 1000;
        for (var i = from; i < from + 3_000 && i < 1_000_000_000; i++)
        {
            var seconds = timeline.Created(77, i) / 1000;
            Assert.True(seconds < previous, $"tie or inversion at {i}");
            previous = seconds;
        }

        Assert.True(new Timeline(reference).Created(1, 999_999_999) > 0, "a billion records stay after 1970");
    }

    [Fact]
    public void Timeline_RecordAlone_EqualsRecordAfterItsNeighbours()
    {
        var timeline = new Timeline(new GeneratorOptions().ReferenceTime);
        var sequence = Enumerable.Range(5_000, 2_100).Select(i => timeline.Created(5, i)).ToList();

        // A fresh timeline has nothing cached; the other one last placed the end of the range.
        foreach (var i in new[] { 5_000, 6_143, 6_144, 7_099, 5_500 })
        {
            Assert.Equal(sequence[i - 5_000], new Timeline(new GeneratorOptions().ReferenceTime).Created(5, i));
            Assert.Equal(sequence[i - 5_000], timeline.Created(5, i));
        }
    }

    [Fact]
    public void PaiSnapshots_ReasonsOnlyOnFailures_ModifiedAfterCreated()
    {
        var records = Records("pai-dsw-instance-snapshots", 2_000);

        Assert.Contains(records, r => (string?)r["Status"] == "Failed");
        foreach (var r in records)
        {
            var failed = (string?)r["Status"] == "Failed";
            Assert.Equal(failed, r.ContainsKey("ReasonCode"));
            Assert.Equal(failed, r.ContainsKey("ReasonMessage"));
            var created = DateTimeOffset.Parse((string)r["GmtCreateTime"]!, CultureInfo.InvariantCulture);
            Assert.True(DateTimeOffset.Parse((string)r["GmtModifiedTime"]!, CultureInfo.InvariantCulture) >= created);
            Assert.StartsWith("snp-", (string)r["SnapshotId"]!, StringComparison.Ordinal);
            Assert.StartsWith("image-", (string)r["ImageId"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConfigHistories_MaskSensitiveContent_ShareFileFields_VersionsRise()
    {
        // Among a few seeds, some files turn sensitive and some do not.
        var files = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }.Select(seed => Records("servicestage-config-histories", 500, seed: seed)).ToList();

        Assert.Contains(files, records => records.Any(r => (bool)r["sensitive"]!));
        Assert.Contains(files, records => records.All(r => !(bool)r["sensitive"]!));
        foreach (var records in files)
        {
            Assert.All(records.Where(r => (bool)r["sensitive"]!), r => Assert.Equal("******", (string?)r["content"]));
            // Once sensitive, a file stays so: the sensitive versions are the newest ones.
            var sensitive = records.Count(r => (bool)r["sensitive"]!);
            Assert.All(records.Take(sensitive), r => Assert.True((bool)r["sensitive"]!));
            var type = (string)records[0]["type"]!;
            Assert.Contains(type, new[] { "properties", "yaml" });
            foreach (var content in records.Where(r => !(bool)r["sensitive"]!).Select(r => (string)r["content"]!))
            {
                var settings = content.Split('\n').Where(l => !l.StartsWith('#')).ToList();
                Assert.All(settings, line => Assert.Matches(type == "properties" ? @"^[a-z0-9.-]+ = \S+$" : @"^( {2})*[a-z0-9-]+:( \S+)?$", line));
            }

            Assert.Single(records.Select(r => (string?)r["config_name"]).Distinct());
            Assert.Single(records.Select(r => (string?)r["type"]).Distinct());
            Assert.Single(records.Select(r => (string?)r["group_id"]).Distinct());
            Assert.Single(records.Select(r => r["components"]!.ToJsonString()).Distinct());
            Assert.InRange(records.Select(r => (string?)r["creator"]).Distinct().Count(), 1, 5);
            Assert.Equal(Enumerable.Range(1, 500).Reverse().Select(n => $"v{n}"), records.Select(r => (string)r["version"]!));
            Assert.Equal(500, records.Select(r => (string?)r["config_history_id"]).Distinct().Count());
        }
    }

    [Fact]
    public void ConfigHistories_EachVersionChangesOneValue()
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var contents = Records("servicestage-config-histories", 300, seed: seed).Where(r => !(bool)r["sensitive"]!).Select(r => ((string)r["content"]!).Split('\n')).ToList();
            for (var i = 1; i < contents.Count; i++)
            {
                Assert.Equal(contents[i].Length, contents[i - 1].Length);
                Assert.Equal(1, contents[i].Zip(contents[i - 1]).Count(pair => pair.First != pair.Second));
            }
        }
    }

    [Fact]
    public void EvsSnapshots_CarryThePathProject_AndZonelessMicrosecondTimes()
    {
        var records = Records("evs-snapshots-detail", 1_000);
        var project = Repo.Catalog.Api("evs-snapshots-detail").Dataset.Parents[0]["project_id"];

        Assert.All(records, r => Assert.Equal(project, (string?)r["os-extended-snapshot-attributes:project_id"]));
        Assert.All(records, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$", (string)r["created_at"]!));
        Assert.All(records, r => Assert.True(string.CompareOrdinal((string)r["updated_at"]!, (string)r["created_at"]!) >= 0));
        Assert.Contains(records, r => r["description"] is null);
        Assert.All(records.Where(r => (string?)r["status"] == "creating"), r => Assert.NotEqual("100%", (string?)r["os-extended-snapshot-attributes:progress"]));
        for (var i = 1; i < records.Count; i++) Assert.True(string.CompareOrdinal((string)records[i - 1]["created_at"]!, (string)records[i]["created_at"]!) > 0);
    }

    [Theory]
    [InlineData("realistic")]
    [InlineData("edge")]
    public void Actions_RollBackOnlyToVersionsTheInstanceHas(string profile)
    {
        var api = Repo.Catalog.Api("servicestage-instance-action");
        var fixtures = new ActionFixtures(api, Repo.Catalog);
        var dataset = Dataset.ForKnownParent(api, null, 4, 300, FixtureProfile.Parse(profile));
        var snapshots = new RecordGenerator(Repo.Catalog.Api("servicestage-instance-snapshots"));
        // The snapshot records themselves, made in full: a rollback names their version without making them.
        var versions = snapshots.Records(fixtures.Snapshots(dataset), 0, 300).Select(s => (string)s["version"]!).ToHashSet();
        var records = Enumerable.Range(0, 300).Select(i => fixtures.Record(dataset, i)).ToList();

        Assert.Equal(5, records.Select(r => (string?)r["request"]!["action"]).Distinct().Count());
        var rollbacks = records.Where(r => (string?)r["request"]!["action"] == "rollback").ToList();
        Assert.NotEmpty(rollbacks);
        foreach (var rollback in rollbacks)
        {
            Assert.Contains((string)rollback["request"]!["parameters"]!["version"]!, versions);
        }

        Assert.All(records, r => Assert.Matches("^JOB[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)r["response"]!["job_id"]!));
    }

    [Fact]
    public void ChineseLocale_WritesChineseText()
    {
        var records = Records("evs-snapshots-detail", 50, "zh_CN");

        Assert.Contains(records, r => r["description"] is JsonValue d && ((string)d!).Any(c => c >= '\u4e00' && c <= '\u9fff'));
        Assert.Contains(records, r => ((string)r["name"]!).Any(c => c >= '\u4e00' && c <= '\u9fff'));
    }

    [Fact]
    public void EvsStatus_FollowsTheSlots_TransientOnlyAmongTheNewest()
    {
        var api = Repo.Catalog.Api("evs-snapshots-detail");
        var dataset = Dataset.ForKnownParent(api, null, 9, 3_000);
        var records = new RecordGenerator(api).Records(dataset, 0, 3_000).ToList();
        var slots = EvsSlots.For(dataset);

        for (var i = 0; i < records.Count; i++) Assert.Equal(slots.Status(i), (string?)records[i]["status"]);
        Assert.All(EvsSlots.Statuses, s => Assert.Equal(slots.PerBlock(s, newest: true), records.Take(EvsSlots.BlockSize).Count(r => (string?)r["status"] == s)));
        Assert.DoesNotContain(records.Skip(EvsSlots.BlockSize), r => (string?)r["status"] is "creating" or "backing-up");
        Assert.InRange(records.Count(r => (string?)r["status"] == "available"), 0.84 * 3_000, 0.98 * 3_000);
    }

    [Fact]
    public void EvsStatus_EdgeProfile_DealsEveryStatusEvenly()
    {
        var api = Repo.Catalog.Api("evs-snapshots-detail");
        var dataset = Dataset.ForKnownParent(api, null, 9, 2_048, FixtureProfile.Edge);
        var statuses = new RecordGenerator(api).Records(dataset, 0, 2_048).Select(r => (string)r["status"]!).ToList();

        Assert.All(EvsSlots.Statuses, s => Assert.InRange(statuses.Count(x => x == s), 2 * 146, 2 * 147));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(9UL)]
    [InlineData(123_456_789UL)]
    public void EvsSlots_CountAndIndexOf_AgreeWithAScan(ulong seed)
    {
        foreach (var profile in FixtureProfile.All) CountAndIndexOf_AgreeWithAScan(Dataset.ForKnownParent(Repo.Catalog.Api("evs-snapshots-detail"), null, seed, 1_000, profile));
    }

    private static void CountAndIndexOf_AgreeWithAScan(Dataset dataset)
    {
        var slots = EvsSlots.For(dataset);
        var statuses = Enumerable.Range(0, 4_000).Select(i => slots.Status(i)).ToList();

        foreach (var status in EvsSlots.Statuses.Append("no-such-status"))
        {
            var matches = Enumerable.Range(0, statuses.Count).Where(i => statuses[i] == status).ToList();
            for (var size = 0; size <= statuses.Count; size += 37) Assert.Equal(matches.Count(i => i < size), slots.Count(status, size));
            foreach (var size in new[] { 1_023, 1_024, 1_025, 2_048, 4_000 }) Assert.Equal(matches.Count(i => i < size), slots.Count(status, size));
            for (var k = 0; k < matches.Count; k++) Assert.Equal(matches[k], slots.IndexOf(status, k));
        }

        Assert.Equal(0, slots.Count(null, 300));
        // Far out the counts still follow the blocks: every older block holds the same mix.
        Assert.Equal(slots.PerBlock("available", newest: true) + (999 * (long)slots.PerBlock("available")), slots.Count("available", 1_000 * (long)EvsSlots.BlockSize));
        Assert.Equal("error", slots.Status(slots.IndexOf("error", 5_000_000)));
        Assert.Equal(slots.Status(999_999_999_999), EvsSlots.For(new Dataset(dataset.Api, dataset.Parent, dataset.SeedValue, 7) { Profile = dataset.Profile }).Status(999_999_999_999));
    }
}

public class IndexCodecTests
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(12345UL, 999_999_999L)]
    [InlineData(ulong.MaxValue, 42L)]
    public void Encode_ThenDecode_GivesTheIndexBack(ulong key, long index)
    {
        var id = Seeding.IndexCodec.Encode(key, index);

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal(index, Seeding.IndexCodec.Decode(key, id, 1_000_000_000));
    }

    [Fact]
    public void Decode_RejectsIdsOfOtherDatasetsAndIndexesPastTheEnd()
    {
        var id = Seeding.IndexCodec.Encode(7, 500);

        Assert.Equal(-1, Seeding.IndexCodec.Decode(8, id, 1_000));
        Assert.Equal(-1, Seeding.IndexCodec.Decode(7, id, 500));
        Assert.Equal(-1, Seeding.IndexCodec.Decode(7, "fc05d5d7-7e99-42fb-b6f2-9ddd1b990e67", 1_000));
        Assert.Equal(-1, Seeding.IndexCodec.Decode(7, "not-a-uuid", 1_000));
    }
}
