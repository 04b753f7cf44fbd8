using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

// Names and descriptions from a domain vocabulary, in English or Chinese.
internal static partial class Providers
{
    // Why operators take a snapshot by hand, with how often: the name and the description tell the same occasion.
    private static readonly Weighted<Occasion> Occasions = new(
        (new("nightly-{stamp}", "夜间快照-{stamp}", ("Nightly snapshot", "夜间快照"), ("Nightly snapshot {date}", "夜间快照 {date}")), 22),
        (new("weekly-full-{stamp}", "每周全量-{stamp}", ("Weekly full backup", "每周全量备份")), 7),
        (new("before-upgrade-{service}-{stamp}", "升级前快照-{service}-{stamp}", ("Backup before upgrade to {service} {version}", "升级到 {service} {version} 前的备份"), ("Backup before upgrading {service}", "{service} 升级前备份")), 20),
        (new("before-patch-{stamp}", "补丁前快照-{stamp}", ("Before kernel patch {kernel}", "内核补丁 {kernel} 前的快照"), ("Before OS security update", "操作系统安全更新前备份")), 11),
        (new("pre-release-{service}-{stamp}", "发布前快照-{service}-{stamp}", ("Pre-release checkpoint for {service}", "{service} 发布前检查点")), 8),
        (new("snap-{service}-{stamp}", "快照-{service}-{stamp}", ("Daily backup of the {service} data disk", "{service} 数据盘每日备份")), 9),
        (new("manual-{minute}", "手动快照-{minute}", ("Manual snapshot before resizing the disk", "扩容磁盘前的手动快照")), 5),
        (new("before-migration-{service}-{stamp}", "迁移前快照-{service}-{stamp}", ("Before migrating {service} to {region}", "{service} 迁移到{region}前的快照")), 4),
        (new("before-schema-change-{db}-{stamp}", "表结构变更前-{db}-{stamp}", ("Before database schema migration ({db})", "数据库表结构变更前快照（{db}）")), 5),
        (new("after-load-test-{stamp}", "压测后-{stamp}", ("Checkpoint after load test", "压测后的检查点")), 3),
        (new("before-config-change-{service}-{stamp}", "配置变更前-{service}-{stamp}", ("Before changing {service} configuration", "修改 {service} 配置前的快照")), 4),
        (new("incident-{ticket}", "故障-{ticket}", ("Kept for incident {ticket}", "故障 {ticket} 排查用快照")), 2));

    // Snapshots a backup policy takes (EVS metadata marks them).
    private static readonly Weighted<(string En, string Zh)> AutoDescriptions = new(
        (("Created by backup policy {policy}", "由备份策略 {policy} 自动创建"), 3),
        (("Automatic snapshot ({policy})", "自动快照（{policy}）"), 1));

    private static readonly Weighted<(string En, string Zh)> DswNames = new(
        (("{model}_{stage}_env", "{modelZh}_{stageZh}环境"), 35),
        (("{model}_{stage}_v{n}", "{modelZh}_{stageZh}_v{n}"), 40),
        (("{stage}_env", "{stageZh}环境"), 15),
        (("{model}_{stamp}", "{modelZh}_{stamp}"), 10));

    private static readonly string[] Models = ["bert_base", "resnet50", "qwen_7b", "yolov8", "xgboost_ctr", "wide_deep", "stable_diffusion", "chatglm_6b"];
    private static readonly string[] ModelsZh = ["文本分类模型", "图像分类模型", "大语言模型", "目标检测模型", "点击率模型", "推荐模型", "图像生成模型", "对话模型"];
    private static readonly string[] Stages = ["training_data", "finetune", "pretrain", "eval", "inference", "data_prep", "feature_eng"];
    private static readonly string[] StagesZh = ["训练数据", "微调", "预训练", "评估", "推理", "数据准备", "特征工程"];
    private static readonly string[] Policies = ["daily-0200", "weekly-sunday", "hourly-critical", "default-backup-policy"];
    private static readonly string[] Kernels = ["5.10.0-136.12.0.86", "4.18.0-348.7.1", "5.15.0-91-generic", "6.1.0-18-amd64"];

    private const double EvsDescriptionNullRate = 0.3;
    private const ulong OccasionSalt = 0x0CCA5101UL;
    private static readonly string[] Placeholders = ["date", "stamp", "minute", "service", "version", "kernel", "region", "db", "ticket", "policy", "model", "modelZh", "stage", "stageZh", "n"];
    private const double EvsAutoRate = 0.35;

    private static JsonNode SnapshotDescription(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var version = (string?)siblings?["version"] ?? OrderedVersions.Semver(context.Ordinal);
        var action = context.Vocabulary.Chinese ? "新版本" : "New Version";
        return $"{{\"action\":\"{action}: {version}\"}}";
    }

    private static JsonNode SnapshotName(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var zh = context.Vocabulary.Chinese;
        if (context.Dataset.Api.Provider == "pai-dsw")
        {
            var name = DswNames.Pick(ref random);
            return Render(zh ? name.Zh : name.En, ref random, context);
        }

        if (Automatic(siblings)) return "autobk_snapshot_" + Stamp(context.Created, "yyyy-MM-dd-HH-mm");
        var occasion = OccasionOf(context, out var shared);
        return Render(zh ? occasion.NameZh : occasion.NameEn, ref random, context, shared);
    }

    private static string DescribeSnapshotName(FixtureProfile profile, ApiDefinition api) => api.Provider == "pai-dsw"
        ? DswNames.Describe(n => n.En) + " (Chinese words in zh_CN)"
        : "autobk_snapshot_{minute} for automatic snapshots, else by the occasion: " + Occasions.Describe(o => o.NameEn)
            + " ({stamp} and {minute} are the creation date and minute; Chinese words in zh_CN)";

    private static JsonNode? EvsDescription(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        if (random.Chance(EvsDescriptionNullRate)) return null;
        var zh = context.Vocabulary.Chinese;
        if (Automatic(siblings))
        {
            var auto = AutoDescriptions.Pick(ref random);
            return Render(zh ? auto.Zh : auto.En, ref random, context);
        }

        // The same occasion, service, database and ticket as the name.
        var occasion = OccasionOf(context, out var shared);
        var text = occasion.Descriptions[random.Next(occasion.Descriptions.Length)];
        return Render(zh ? text.Zh : text.En, ref random, context, shared);
    }

    private static string DescribeEvsDescription(FixtureProfile profile) =>
        $"null in {Weighted<int>.Percent(EvsDescriptionNullRate)} of records; otherwise, for automatic snapshots, "
        + AutoDescriptions.Describe(t => $"\"{t.En}\"") + "; for the others the occasion the name tells, with the same service: "
        + Occasions.Describe(o => string.Join(" or ", o.Descriptions.Select(d => $"\"{d.En}\""))) + " (the same phrases in Chinese in zh_CN; {date} is the creation date)";

    private static JsonNode EvsMetadata(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) =>
        random.Chance(EvsAutoRate) ? new JsonObject { ["__system__enableActive"] = "true" } : new JsonObject();

    private static string DescribeEvsMetadata(FixtureProfile profile) =>
        $"{{\"__system__enableActive\": \"true\"}} on {Weighted<int>.Percent(EvsAutoRate)} of snapshots (taken automatically by a backup policy; their names and descriptions say so), else {{}}";

    private static bool Automatic(Siblings? siblings) => siblings?["metadata"] is JsonObject metadata && metadata.ContainsKey("__system__enableActive");

    /// <summary>Free text no hint shapes: a few operations words in the locale.</summary>
    public static string Phrase(ref FieldRandom random, Vocabulary vocabulary, int words)
    {
        var text = new StringBuilder(random.Pick(vocabulary.Words));
        for (var i = 1; i < words; i++)
        {
            if (!vocabulary.Chinese) text.Append(' ');
            text.Append(random.Pick(vocabulary.Words));
        }

        return text.ToString();
    }

    private static Occasion OccasionOf(RecordContext context, out ulong shared)
    {
        shared = Seed.Combine(context.RecordKey, OccasionSalt);
        var random = new FieldRandom(shared);
        return Occasions.Pick(ref random);
    }

    // Fills {service}, {date} and the other placeholders of a template. With a shared key, each placeholder's value
    // comes from that key alone, so two templates of one record (a name and a description) agree.
    private static string Render(string template, ref FieldRandom random, RecordContext context, ulong? shared = null)
    {
        var text = new StringBuilder(template.Length + 24);
        var zh = context.Vocabulary.Chinese;
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            var close = template.IndexOf('}', open);
            text.Append(template, at, open - at);
            var placeholder = template[(open + 1)..close];
            var own = shared is { } key ? new FieldRandom(Seed.Combine(key, (ulong)Array.IndexOf(Placeholders, placeholder) + 1)) : random;
            text.Append(Placeholder(placeholder, ref own, context, zh));
            if (shared is null) random = own;
            at = close + 1;
        }

        return text.ToString();
    }

    private static string Placeholder(string name, ref FieldRandom random, RecordContext context, bool zh) =>
        name switch
        {
            "date" => Stamp(context.Created, "yyyy-MM-dd"),
            "stamp" => Stamp(context.Created, "yyyyMMdd"),
            "minute" => Stamp(context.Created, "yyyyMMdd-HHmm"),
            "service" => random.Pick(Vocabulary.Services),
            "version" => RandomSemver(ref random),
            "kernel" => random.Pick(Kernels),
            "region" => random.Pick(context.Vocabulary.Regions),
            "db" => random.Pick(Vocabulary.Databases),
            "ticket" => "INC-" + random.Between(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
            "policy" => random.Pick(Policies),
            "model" => random.Pick(Models),
            "modelZh" => zh ? random.Pick(ModelsZh) : random.Pick(Models),
            "stage" => random.Pick(Stages),
            "stageZh" => zh ? random.Pick(StagesZh) : random.Pick(Stages),
            "n" => random.Between(1, 12).ToString(CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"unknown placeholder {{{other}}}"),
        };

    private sealed record Occasion(string NameEn, string NameZh, params (string En, string Zh)[] Descriptions);

    private static string Stamp(long millis, string format) => TimeText.Format(millis, format);
}
