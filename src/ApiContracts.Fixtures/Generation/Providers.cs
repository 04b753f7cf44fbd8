using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Realistic values for the hints the definitions use, with the cross-field rules they carry. Each hint pairs
/// its generator with the words that describe its distribution (<c>fixtures --describe</c>, the API pages), and
/// the generators read their weights from the same tables the descriptions print.
/// </summary>
internal static partial class Providers
{
    private delegate JsonNode? Provider(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings);

    private sealed record Hint(Provider Make, Func<FixtureProfile, ApiDefinition, string> Describe);

    // Descriptions that read tables of the other parts of this class are methods, made on demand: the order in
    // which the parts' static fields are initialized is not defined.
    private static Hint Same(Provider make, string text) => new(make, (_, _) => text);

    private static Hint Profiled(Provider make, Func<FixtureProfile, string> describe) => new(make, (profile, _) => describe(profile));

    private static readonly Dictionary<string, Hint> ByHint = new(StringComparer.Ordinal)
    {
        ["uuid"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid(), "a random version-4 UUID"),
        ["indexed-uuid"] = Same(
            (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => IndexCodec.Encode(c.Dataset.Key, c.Index),
            "a version-4-shaped UUID that encodes the record's index (a marker decodes it without a search)"),
        ["project-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Hex(32), "32 random hex digits"),
        ["ecs-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid(), "a random version-4 UUID"),
        ["dsw-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "dsw-" + r.Hex(16), "dsw- and 16 random hex digits"),
        ["snp-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "snp-" + r.Hex(16), "snp- and 16 random hex digits"),
        ["image-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "image-" + r.Hex(16), "image- and 16 random hex digits"),
        ["job-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "JOB" + r.Uuid(), "JOB and a random version-4 UUID"),
        ["request-id"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid().ToUpperInvariant(), "a random UUID in upper case"),
        ["token"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "MIIZ" + r.Hex(60), "MIIZ and 60 random hex digits"),
        ["semver"] = Same((FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => RandomSemver(ref r), "a semantic version 1-3.0-12.0-30, uniform"),
        ["image-url"] = Profiled(ImageUrl, DescribeImageUrl),
        ["created-epoch-millis"] = Same((FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => c.Created, Times.Created + "; in milliseconds since the epoch"),
        ["created-iso-8601-z"] = Same((FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => Timeline.IsoZ(c.Created), Times.Created + "; RFC 3339 UTC to the second"),
        ["modified-iso-8601-z"] = Same((FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => Timeline.IsoZ(c.Modified), Times.Modified + "; RFC 3339 UTC to the second"),
        ["created-evs-timestamp"] = Same(
            (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Timeline.Evs(c.Created, r.Next(1000)),
            Times.Created + "; UTC without a zone, to the microsecond"),
        ["modified-evs-timestamp"] = Same(
            (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Timeline.Evs(c.Modified, r.Next(1000)),
            Times.Modified + "; UTC without a zone, to the microsecond"),
        ["ordered-semver"] = Same((FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => OrderedVersions.Semver(c.Ordinal), DescribeOrderedSemver()),
        ["ordered-history-version"] = Same(
            (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => "v" + c.Ordinal.ToString(CultureInfo.InvariantCulture),
            "v1 for the oldest entry, rising by one per entry to v<size> for the newest (so it depends on the dataset size)"),
        ["snapshot-description"] = Same(SnapshotDescription, "{\"action\":\"New Version: <version>\"}, the record's own version, as the page's example (新版本 in zh_CN)"),
        ["snapshot-name"] = new(SnapshotName, DescribeSnapshotName),
        ["user-name"] = Profiled(Creator, DescribeCreator),
        ["component-name"] = Same(
            (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Pick(Vocabulary.Services),
            $"a service name, uniform over {Vocabulary.Services.Count} (order-service, payment-gateway, ...)"),
        ["config-name"] = Profiled(ConfigName, DescribeConfigName),
        ["config-description"] = Profiled(ConfigDescription, DescribeConfigDescription),
        ["config-type"] = Profiled(ConfigType, DescribeConfigType),
        ["config-sensitive"] = Profiled(ConfigSensitive, DescribeConfigSensitive),
        ["config-content"] = Profiled(ConfigContent, DescribeConfigContent),
        ["dsw-snapshot-status"] = Profiled(DswStatus, DescribeDswStatus),
        ["failure-reason-code"] = Profiled(ReasonCode, DescribeReasonCode),
        ["failure-reason-message"] = Same(FailureMessage, "only on Failed snapshots: the message that goes with the reason code"),
        ["labels"] = Profiled(Labels, DescribeLabels),
        ["exclude-paths"] = Profiled(ExcludePaths, DescribeExcludePaths),
        ["evs-snapshot-status"] = Profiled((FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => EvsSlots.For(c.Dataset).Status(c.Index), DescribeEvsStatus),
        ["evs-description"] = Profiled(EvsDescription, DescribeEvsDescription),
        ["evs-metadata"] = Profiled(EvsMetadata, DescribeEvsMetadata),
        ["evs-progress"] = Same(
            (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? s) => (string?)s?["status"] == "creating" ? $"{r.Between(0, 99)}%" : "100%",
            "0% to 99% (uniform) while the status is creating, else 100%"),
        ["evs-service-type"] = Same((FieldPlan _, ref FieldRandom _, RecordContext _, Siblings? _) => "EVS", "always EVS"),
        ["evs-volume-id"] = Profiled(VolumeId, DescribeVolumeId),
        ["disk-size-gb"] = Profiled(DiskSize, DescribeDiskSize),
    };

    /// <summary>The hints whose values are free text: the edge profile makes stress text of them.</summary>
    public static IReadOnlySet<string> FreeTextHints { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "snapshot-description", "snapshot-name", "config-name", "config-description", "config-content", "evs-description", "component-name",
    };

    public static bool TryProvide(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value)
    {
        if (ByHint.TryGetValue(plan.Hint, out var hint))
        {
            value = hint.Make(plan, ref random, context, siblings);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The distribution of the values <paramref name="hint"/> makes under <paramref name="profile"/>, or null for an unknown hint.</summary>
    public static string? Describe(string hint, FixtureProfile profile, ApiDefinition api) => ByHint.TryGetValue(hint, out var found) ? found.Describe(profile, api) : null;

    private static string RandomSemver(ref FieldRandom r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Between(1, 3)}.{r.Between(0, 12)}.{r.Between(0, 30)}");

    private static string DescribeOrderedSemver()
    {
        var (patch, minor, major) = OrderedVersions.Shares;
        return $"1.0.0 for the oldest record, rising with creation time: {Weighted<int>.Percent(patch)} of steps bump the patch, "
            + $"{Weighted<int>.Percent(minor)} the minor, {Weighted<int>.Percent(major)} the major (a fixed layout, the same for every seed; "
            + "counted from the oldest record, so the labels depend on the dataset size)";
    }

    private static class Times
    {
        public const string Created = "strictly falling with the index, at least a second apart; gaps are bursty (log-normal weights per 32-record block and per 1,024-record group), "
            + "averaging an hour at the newest record and falling to 1.25 s deep in a large dataset (10,000 records reach back about 230 days, 10^9 about 47 years)";

        public const string Modified = "after the creation time and before the reference time: half settle 2 s to 1 h after creation (log-uniform), "
            + "half change at a uniform point between creation and the reference time";
    }
}
