using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Export;
using ApiContracts.Fixtures.Generation;
using Xunit.Abstractions;

namespace ApiContracts.Fixtures.Tests;

/// <summary>100,000-record NDJSON exports, written to memory and read back one record at a time.</summary>
public static class Exports
{
    public const int Size = 100_000;

    public static IEnumerable<JsonObject> Of(string apiId, ulong seed, string locale = "en", FixtureProfile? profile = null)
    {
        var api = Repo.Catalog.Api(apiId);
        var dataset = Dataset.ForKnownParent(api, null, seed, Size, profile);
        var stream = new MemoryStream();
        FixtureExporter.Write(FixtureSource.For(Repo.Catalog, apiId, new GeneratorOptions { Locale = locale }), dataset, ExportFormat.Ndjson, Shard.All, 0, Size, stream);
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return JsonNode.Parse(line)!.AsObject();
    }
}

/// <summary>
/// What an export looks like in bulk: gaps that vary like real activity, modification times spread over the
/// record's life, fleet-like status mixes that differ by seed, and text without Latin filler.
/// </summary>
public sealed class DistributionTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Reference = new GeneratorOptions().ReferenceTime;

    // Gaps between consecutive creation times in ms, newest first.
    private static List<double> Gaps(IReadOnlyList<long> created) => created.Zip(created.Skip(1), (a, b) => (double)(a - b)).ToList();

    private static double Cv(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count) / mean;
    }

    // The coefficient of variation of the gaps in each window of 1,000, as a list.
    private static List<double> WindowCvs(List<double> gaps) =>
        Enumerable.Range(0, gaps.Count / 1_000).Select(w => Cv(gaps.GetRange(w * 1_000, 1_000))).ToList();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [Fact]
    public void CreationGaps_VaryLikeActivity_NotNearConstant()
    {
        var created = Exports.Of("servicestage-instance-snapshots", 1).Select(r => (long)r["create_time"]!).ToList();
        var gaps = Gaps(created);
        var cvs = WindowCvs(gaps);
        var bursts = Enumerable.Range(0, gaps.Count / 1_000).Select(w => gaps.GetRange(w * 1_000, 1_000)).Select(g => g.Max() / Median(g)).ToList();
        output.WriteLine($"window CV: median {Median(cvs):0.00}, min {cvs.Min():0.00}; longest gap / median gap per window: median {Median(bursts):0.0}; "
            + $"gaps of exactly one second: {gaps.Count(g => Math.Round(g / 1000) == 1) / (double)gaps.Count:P1}; span {TimeSpan.FromMilliseconds(created[0] - created[^1]).TotalDays:0} days");

        Assert.All(gaps, g => Assert.True(g >= 2, "creation times fall strictly"));
        Assert.True(Median(cvs) > 1.0, $"gaps within a window vary (median CV {Median(cvs):0.00})");
        Assert.True(cvs.Min() > 0.7, $"every window varies (min CV {cvs.Min():0.00})");
        Assert.True(Median(bursts) > 10, "each window has quiet periods: its longest gap is well above its median gap");
        Assert.True(gaps.Count(g => Math.Round(g / 1000) == 1) < gaps.Count / 20, "few gaps are exactly one second");

        // The control: the old timeline (an hour apart, then a second apart, under a second of jitter) fails the same test.
        var old = Enumerable.Range(0, Exports.Size).Select(i => Reference.ToUnixTimeMilliseconds() - ((long)i * 1000) - (Math.Min(i, 10_000L) * 3_599_000) - 1 - ((i * 7919L) % 999)).ToList();
        var oldCvs = WindowCvs(Gaps(old));
        output.WriteLine($"old timeline window CV: median {Median(oldCvs):0.00}, max {oldCvs.Max():0.00}");
        Assert.True(oldCvs.Max() < 0.5, "the check tells near-constant gaps apart");
    }

    [Fact]
    public void ModificationTimes_SpreadBetweenCreationAndTheReference()
    {
        var reference = Reference.UtcDateTime;
        var times = Exports.Of("evs-snapshots-detail", 1).Select(r => (Created: (string)r["created_at"]!, Updated: (string)r["updated_at"]!)).ToList();
        var records = times;
        var created = times.Select(t => DateTime.Parse(t.Created, CultureInfo.InvariantCulture)).ToList();
        var updated = times.Select(t => DateTime.Parse(t.Updated, CultureInfo.InvariantCulture)).ToList();
        var position = created.Zip(updated, (c, u) => (u - c).TotalMilliseconds / (reference - c).TotalMilliseconds).ToList();
        var soon = created.Zip(updated, (c, u) => u - c <= TimeSpan.FromHours(1)).Count(x => x) / (double)records.Count;
        var lastSecond = updated.Count(u => reference - u <= TimeSpan.FromSeconds(1)) / (double)records.Count;
        var deciles = Enumerable.Range(0, 10).Select(d => position.Count(p => p >= d / 10.0 && p < (d + 1) / 10.0) / (double)records.Count).ToList();
        output.WriteLine($"updated within an hour of creation: {soon:P1}; in the last second before the reference: {lastSecond:P3}; "
            + $"share per tenth of the record's life: {string.Join(" ", deciles.Select(d => d.ToString("P1", CultureInfo.InvariantCulture)))}");

        Assert.All(created.Zip(updated), p => Assert.True(p.Second > p.First && p.Second < reference));
        Assert.InRange(soon, 0.45, 0.6);
        Assert.True(lastSecond < 0.001, "modification times are not piled up before the reference time");
        // The other half spreads evenly over the record's life.
        Assert.All(deciles.Skip(1), d => Assert.InRange(d, 0.03, 0.08));
        var newest = updated.Take(20).ToList();
        Assert.Equal(20, newest.Select(u => u.ToString("s", CultureInfo.InvariantCulture)).Distinct().Count());
    }

    [Fact]
    public void EvsStatusShares_LookLikeAFleet_AndDifferBySeed()
    {
        var shares = new Dictionary<ulong, Dictionary<string, double>>();
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var statuses = Exports.Of("evs-snapshots-detail", seed).Select(r => (string)r["status"]!).ToList();
            shares[seed] = EvsSlots.Statuses.ToDictionary(s => s, s => statuses.Count(x => x == s) / (double)statuses.Count);
            output.WriteLine($"seed {seed}: " + string.Join(", ", shares[seed].Select(kv => $"{kv.Key} {kv.Value:P2}")));
            Assert.InRange(shares[seed]["available"], 0.88, 0.98);
            Assert.All(shares[seed].Where(kv => kv.Key != "available"), kv => Assert.True(kv.Value < 0.05, $"{kv.Key} is a minority"));
            Assert.True(shares[seed]["error"] + shares[seed]["error_deleting"] > 0.002, "a fleet has some failures");
            Assert.DoesNotContain(statuses.Skip(EvsSlots.BlockSize), s => s is "creating" or "backing-up");
        }

        // The mix is the seed's, not one fixed cycle.
        Assert.True(Math.Abs(shares[1]["available"] - shares[2]["available"]) > 0.002 || Math.Abs(shares[2]["available"] - shares[3]["available"]) > 0.002);
        Assert.NotEqual(shares[1]["error"], shares[2]["error"]);
    }

    [Fact]
    public void DswStatusShares_LookLikeAFleet_AndDifferBySeed()
    {
        var shares = new List<Dictionary<string, double>>();
        foreach (var seed in new ulong[] { 1, 2 })
        {
            var statuses = Exports.Of("pai-dsw-instance-snapshots", seed).Select(r => (string)r["Status"]!).ToList();
            var share = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count() / (double)statuses.Count);
            output.WriteLine($"seed {seed}: " + string.Join(", ", share.Select(kv => $"{kv.Key} {kv.Value:P2}")));
            Assert.InRange(share["Available"], 0.9, 0.99);
            Assert.InRange(share["Failed"], 0.01, 0.1);
            Assert.DoesNotContain(statuses.Skip(Providers.RecentRecords), s => s is "Saving" or "Pushing");
            shares.Add(share);
        }

        Assert.NotEqual(shares[0]["Failed"], shares[1]["Failed"]);
    }

    [Fact]
    public void DiskSizes_AreCommonSizes_AndVersionsMostlyBumpThePatch()
    {
        var sizes = Exports.Of("evs-snapshots-detail", 1).Select(r => (long)r["size"]!).ToList();
        var common = new long[] { 20, 40, 50, 60, 80, 100, 200, 300, 500, 1024, 2048, 4096 };
        Assert.All(sizes, s => Assert.Contains(s, common));
        Assert.True(sizes.GroupBy(s => s).Count() >= 6, "several sizes appear");

        var versions = Exports.Of("servicestage-instance-snapshots", 1).Select(r => Version.Parse((string)r["version"]!)).Reverse().ToList();
        var steps = versions.Zip(versions.Skip(1), (a, b) => b.Major != a.Major ? "major" : b.Minor != a.Minor ? "minor" : "patch").ToList();
        var patch = steps.Count(s => s == "patch") / (double)steps.Count;
        var minor = steps.Count(s => s == "minor") / (double)steps.Count;
        var major = steps.Count(s => s == "major") / (double)steps.Count;
        output.WriteLine($"steps: patch {patch:P1}, minor {minor:P1}, major {major:P1}; newest {versions[^1]}");
        Assert.InRange(patch, 0.7, 0.9);
        Assert.InRange(minor, 0.1, 0.25);
        Assert.InRange(major, 0.002, 0.02);
        Assert.All(versions.Zip(versions.Skip(1)), p => Assert.True(p.Second > p.First));
        Assert.All(steps.Select((s, i) => (s, i)).Where(x => x.s != "patch"), x => Assert.Equal(0, versions[x.i + 1].Build));
    }

    [Fact]
    public void Creators_ComeFromASmallTeamPerFile()
    {
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var creators = Exports.Of("servicestage-config-histories", seed).Select(r => (string)r["creator"]!).ToList();
            var team = creators.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Count() / (double)creators.Count).ToList();
            var streaks = creators.Zip(creators.Skip(1)).Count(p => p.First == p.Second) / (double)(creators.Count - 1);
            output.WriteLine($"seed {seed}: team of {team.Count}, shares {string.Join(" ", team.Select(t => t.ToString("P0", CultureInfo.InvariantCulture)))}, same creator as the next version {streaks:P0}");
            Assert.InRange(team.Count, 2, 5);
            Assert.True(team[0] > 0.35, "the file's owner makes most versions");
            Assert.True(streaks > 0.45, "edits come in streaks");
        }
    }

    public static TheoryData<string, string> ApisAndLocales()
    {
        var data = new TheoryData<string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            data.Add(api.Id, "en");
            data.Add(api.Id, "zh_CN");
        }

        return data;
    }

    // Ids and hex strings hold letters by chance; they are not text.
    private static readonly Regex NotText = new("^(JOB|MIIZ|dsw-|snp-|image-)?[0-9a-fA-F-]{16,}$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Lorem = LoremWords();

    // Bogus's Latin word list, less the words that are English too.
    private static HashSet<string> LoremWords()
    {
        var words = (Bogus.Bson.BArray)Bogus.Database.Get("lorem", "words", "en");
        var set = Enumerable.Range(0, words.Count).Select(i => words[i].StringValue.ToLowerInvariant()).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
        set.ExceptWith(["error", "non", "est", "hic", "nam", "cum", "quo", "sit", "qui", "vel", "aut", "sed", "rem", "eum", "eos", "quod", "quae", "quis", "iure"]);
        return set;
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => Texts(kv.Value)),
        JsonArray a => a.SelectMany(Texts),
        JsonValue v when v.TryGetValue<string>(out var s) && !NotText.IsMatch(s) => [s],
        _ => [],
    };

    private static List<string> LoremIn(IEnumerable<string> texts) =>
        texts.SelectMany(t => Regex.Matches(t, "[A-Za-z]+").Select(m => m.Value.ToLowerInvariant())).Where(Lorem.Contains).Distinct().Take(10).ToList();

    [Theory]
    [MemberData(nameof(ApisAndLocales))]
    public void RealisticText_HoldsNoLatinFiller(string apiId, string locale)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var chinese = 0;
        foreach (var record in Exports.Of(apiId, 1, locale))
        {
            var texts = Texts(record).ToList();
            found.UnionWith(LoremIn(texts));
            if (texts.Any(t => t.Any(c => c >= '\u4e00' && c <= '\u9fff'))) chinese++;
        }

        output.WriteLine($"{apiId} {locale}: {chinese} of {Exports.Size} records hold Chinese text");
        Assert.True(Lorem.Count > 150, "the word list is Bogus's lorem list");
        Assert.Equal(["accusamus", "magnam", "laboriosam"], LoremIn(["Accusamus magnam laboriosam"]));
        Assert.Empty(found);
        if (locale == "zh_CN" && apiId is "evs-snapshots-detail" or "servicestage-config-histories" or "pai-dsw-instance-snapshots") Assert.True(chinese > Exports.Size / 2);
    }

    [Fact]
    public void EdgeProfile_StressesTextAndNulls_AndKeepsTheRules()
    {
        int nulls = 0, longest = 0, cjkEmoji = 0, hostile = 0, empty = 0;
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var lorem = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in Exports.Of("evs-snapshots-detail", 1, "en", FixtureProfile.Edge))
        {
            var name = (string)record["name"]!;
            var status = (string)record["status"]!;
            if (record["description"] is null) nulls++;
            if (name.Length == StressText.Longest) longest++;
            if (name.Length < StressText.Longest && name.Contains("🚀", StringComparison.Ordinal) && name.Contains('快', StringComparison.Ordinal)) cjkEmoji++;
            if (name.Contains('\n', StringComparison.Ordinal) && name.Contains('"', StringComparison.Ordinal)) hostile++;
            if (name.Length == 0) empty++;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == "creating") Assert.NotEqual("100%", (string?)record["os-extended-snapshot-attributes:progress"]);
            lorem.UnionWith(LoremIn(Texts(record)));
        }

        output.WriteLine($"null descriptions {nulls}, longest names {longest}, CJK and emoji {cjkEmoji}, hostile {hostile}, empty {empty}; statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key} {kv.Value}"))}");
        Assert.InRange(nulls / (double)Exports.Size, 0.45, 0.55);
        Assert.All(new[] { longest, cjkEmoji, hostile, empty }, n => Assert.InRange(n / (double)Exports.Size, 0.13, 0.2));
        Assert.All(EvsSlots.Statuses, s => Assert.InRange(statuses[s] / (double)Exports.Size, 0.13, 0.16));
        Assert.Empty(lorem);
    }

    [Fact]
    public void EdgeProfile_KeepsIdsTimesAndVersions()
    {
        var api = Repo.Catalog.Api("servicestage-instance-snapshots");
        var source = FixtureSource.For(Repo.Catalog, api.Id);
        var realistic = Dataset.ForKnownParent(api, null, 4, 1_000);
        var edge = realistic with { Profile = FixtureProfile.Edge };

        for (var i = 0; i < 1_000; i += 37)
        {
            var a = source.Record(realistic, i);
            var b = source.Record(edge, i);
            Assert.Equal((long)a["create_time"]!, (long)b["create_time"]!);
            Assert.Equal((string?)a["version"], (string?)b["version"]);
            Assert.NotEqual((string?)a["description"], (string?)b["description"]);
        }
    }
}
