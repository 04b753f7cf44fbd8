using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>Realistic values for the hints the definitions use, with the cross-field rules they carry.</summary>
internal static class Providers
{
    private static readonly string[] DswStatuses = ["Available", "Available", "Available", "Available", "Available", "Pushing", "Saving", "Failed"];
    private static readonly string[] DswReasonCodes = ["Internal Error", "ImagePushFailed", "QuotaExceeded", "ContainerCommitFailed"];
    private static readonly string[] DswReasonMessages = ["ImagePullBackOff", "the registry refused the push", "the image repository quota is used up", "committing the container took too long"];
    private static readonly string[] Regions = ["shanghai", "hangzhou", "beijing", "shenzhen", "zhangjiakou"];
    private static readonly string[] ImageRepos = ["tensorflow", "pytorch", "modelscope", "paddle", "xgboost"];
    private static readonly string[] LabelKeys = ["stsTokenOwner", "env", "team", "owner", "project", "costCenter"];
    private static readonly string[] DiskSizes = ["10", "20", "40", "50", "100", "200", "500", "1024"];
    private static readonly string[] PropertyKeys = ["server.port", "spring.datasource.url", "log.level", "cache.ttl", "feature.flag", "timeout.ms", "testKey"];

    private delegate JsonNode? Provider(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings);

    private static readonly Dictionary<string, Provider> ByHint = new(StringComparer.Ordinal)
    {
        ["uuid"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid(),
        ["indexed-uuid"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => IndexCodec.Encode(c.Dataset.Key, c.Index),
        ["project-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Hex(32),
        ["ecs-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid(),
        ["dsw-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "dsw-" + r.Hex(16),
        ["snp-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "snp-" + r.Hex(16),
        ["image-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "image-" + r.Hex(16),
        ["job-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "JOB" + r.Uuid(),
        ["request-id"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Uuid().ToUpperInvariant(),
        ["token"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => "MIIZ" + r.Hex(60),
        ["semver"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => $"{r.Between(1, 3)}.{r.Between(0, 12)}.{r.Between(0, 30)}",
        ["image-url"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) =>
            $"registry.cn-{r.Pick(Regions)}.aliyuncs.com/pai_product/{r.Pick(ImageRepos)}:py3{r.Between(6, 11)}_{(r.Chance(0.5) ? "cpu" : "gpu")}_{r.Hex(6)}",
        ["created-epoch-millis"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => c.Created,
        ["created-iso-8601-z"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => Timeline.IsoZ(c.Created),
        ["modified-iso-8601-z"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => Timeline.IsoZ(c.Modified),
        ["created-evs-timestamp"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Timeline.Evs(c.Created, r.Next(1000)),
        ["modified-evs-timestamp"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Timeline.Evs(c.Modified, r.Next(1000)),
        ["ordered-semver"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => OrderedSemver(c.Ordinal),
        ["ordered-history-version"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => "v" + c.Ordinal.ToString(CultureInfo.InvariantCulture),
        ["snapshot-description"] = SnapshotDescription,
        ["snapshot-name"] = SnapshotName,
        ["user-name"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) =>
            (r.Pick(c.Vocabulary.EnglishFirstNames) + "-" + r.Pick(c.Vocabulary.EnglishLastNames)).ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal),
        ["component-name"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Slug(r.Pick(c.Vocabulary.Adjectives) + "-" + r.Pick(c.Vocabulary.Nouns)),
        ["config-name"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => Slug(r.Pick(c.Vocabulary.Nouns) + "-config"),
        ["config-description"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => r.Chance(0.3) ? string.Empty : Sentence(ref r, c.Vocabulary),
        ["config-type"] = (FieldPlan _, ref FieldRandom _, RecordContext _, Siblings? _) => "properties",
        ["config-sensitive"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Chance(0.2),
        ["config-content"] = ConfigContent,
        ["dsw-snapshot-status"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => r.Pick(DswStatuses),
        ["failure-reason-code"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? s) => Failed(s) ? r.Pick(DswReasonCodes) : RecordGenerator.Absent,
        ["failure-reason-message"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? s) => Failed(s) ? r.Pick(DswReasonMessages) : RecordGenerator.Absent,
        ["labels"] = Labels,
        ["exclude-paths"] = ExcludePaths,
        ["evs-snapshot-status"] = (FieldPlan _, ref FieldRandom _, RecordContext c, Siblings? _) => EvsSlots.For(c.Dataset).Status(c.Index),
        ["evs-description"] = (FieldPlan _, ref FieldRandom r, RecordContext c, Siblings? _) => r.Chance(0.3) ? null : Sentence(ref r, c.Vocabulary),
        ["evs-metadata"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) =>
            r.Chance(0.3) ? new JsonObject { ["__system__enableActive"] = "true" } : new JsonObject(),
        ["evs-progress"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? s) =>
            (string?)s?["status"] == "creating" ? $"{r.Between(0, 99)}%" : "100%",
        ["evs-service-type"] = (FieldPlan _, ref FieldRandom _, RecordContext _, Siblings? _) => "EVS",
        ["disk-size-gb"] = (FieldPlan _, ref FieldRandom r, RecordContext _, Siblings? _) => long.Parse(r.Pick(DiskSizes), CultureInfo.InvariantCulture),
    };

    public static bool TryProvide(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value)
    {
        if (ByHint.TryGetValue(plan.Hint, out var provider))
        {
            value = provider(plan, ref random, context, siblings);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>1.0.0, 1.0.1, ... 1.0.9, 1.1.0, ... 1.9.9, 2.0.0: increasing with <paramref name="ordinal"/>.</summary>
    public static string OrderedSemver(long ordinal)
    {
        var n = Math.Max(ordinal, 1) - 1;
        return $"{1 + (n / 100)}.{n / 10 % 10}.{n % 10}";
    }

    public static string Phrase(ref FieldRandom random, Vocabulary vocabulary, int words)
    {
        if (vocabulary.Chinese) return random.Pick(Vocabulary.ChinesePhrases) + random.Pick(vocabulary.Cities);
        var text = new StringBuilder(random.Pick(vocabulary.Words));
        for (var i = 1; i < words; i++) text.Append(' ').Append(random.Pick(vocabulary.Words));
        return text.ToString();
    }

    private static string Sentence(ref FieldRandom random, Vocabulary vocabulary)
    {
        if (vocabulary.Chinese)
        {
            return $"{random.Pick(vocabulary.LastNames)}{random.Pick(vocabulary.FirstNames)}创建的{random.Pick(Vocabulary.ChinesePhrases)}快照，用于{random.Pick(Vocabulary.ChinesePhrases)}。";
        }

        var text = Phrase(ref random, vocabulary, (int)random.Between(4, 9));
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static JsonNode SnapshotDescription(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var version = (string?)siblings?["version"] ?? OrderedSemver(context.Ordinal);
        var action = context.Vocabulary.Chinese ? "新版本" : "New Version";
        return $"{{\"action\":\"{action}: {version}\"}}";
    }

    private static JsonNode SnapshotName(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        if (context.Vocabulary.Chinese) return random.Pick(Vocabulary.ChinesePhrases) + "_" + random.Between(1, 99).ToString(CultureInfo.InvariantCulture);
        return Slug(random.Pick(context.Vocabulary.Adjectives) + "_" + random.Pick(context.Vocabulary.Nouns) + "_env").Replace('-', '_');
    }

    private static JsonNode ConfigContent(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        // A sensitive file's content is stored encrypted: the API shows it masked.
        if (siblings?["sensitive"] is JsonValue sensitive && sensitive.GetValue<bool>()) return "******";
        var lines = (int)random.Between(1, 4);
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            if (i > 0) text.Append('\n');
            var value = context.Vocabulary.Chinese ? random.Pick(Vocabulary.ChinesePhrases) : random.Pick(context.Vocabulary.Words) + random.Between(1, 999).ToString(CultureInfo.InvariantCulture);
            text.Append(random.Pick(PropertyKeys)).Append(" = ").Append(value);
        }

        return text.ToString();
    }

    private static JsonNode Labels(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var array = new JsonArray();
        var count = (int)random.Between(0, 3);
        var first = random.Next(LabelKeys.Length);
        for (var i = 0; i < count; i++)
        {
            var value = context.Vocabulary.Chinese && random.Chance(0.5) ? random.Pick(Vocabulary.ChinesePhrases) : random.Hex(11);
            array.Add(new JsonObject { ["Key"] = LabelKeys[(first + i) % LabelKeys.Length], ["Value"] = value });
        }

        return array;
    }

    private static JsonNode ExcludePaths(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var array = new JsonArray();
        var count = (int)random.Between(0, 2);
        for (var i = 0; i < count; i++) array.Add($"/mnt/workspace/{Slug(random.Pick(context.Vocabulary.Nouns))}");
        return array;
    }

    private static bool Failed(Siblings? siblings) => (string?)siblings?["Status"] == "Failed";

    private static string Slug(string text) => text.ToLowerInvariant().Replace(' ', '-');
}
