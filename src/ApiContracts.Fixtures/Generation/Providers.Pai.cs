using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

// PAI-DSW snapshots: statuses, failure reasons, images, labels and excluded paths.
internal static partial class Providers
{
    /// <summary>How many of the newest records may still be in a transient state (saving, pushing, creating, backing up).</summary>
    public const int RecentRecords = EvsSlots.BlockSize;

    private const ulong DswMixSalt = 0xD5A1A7EUL;
    private const double MixSpread = 0.7;

    private static readonly Weighted<string> DswRecent = new(("Available", 88), ("Saving", 4), ("Pushing", 4), ("Failed", 4));
    private static readonly Weighted<string> DswOlder = new(("Available", 97), ("Failed", 3));
    private static readonly Weighted<string> DswAll = new(("Available", 1), ("Saving", 1), ("Pushing", 1), ("Failed", 1));

    private static readonly Weighted<(string Code, string Message)> DswReasons = new(
        (("Internal Error", "ImagePullBackOff"), 40),
        (("ImagePushFailed", "the registry refused the push"), 25),
        (("QuotaExceeded", "the image repository quota is used up"), 20),
        (("ContainerCommitFailed", "committing the container took too long"), 15));

    private static readonly string[] PaiRegions = ["shanghai", "hangzhou", "beijing", "shenzhen", "zhangjiakou"];
    private static readonly (string Repo, string[] Tags)[] Images =
    [
        ("tensorflow", ["tf1.12", "tf2.11", "tf2.14"]), ("pytorch", ["torch1.13", "torch2.1", "torch2.3"]), ("modelscope", ["modelscope1.9", "modelscope1.14"]),
        ("paddle", ["paddle2.5", "paddle2.6"]), ("xgboost", ["xgb1.7"]),
    ];

    private static readonly Weighted<int> LabelCounts = new((0, 30), (1, 30), (2, 25), (3, 15));
    private static readonly string[] LabelKeys = ["stsTokenOwner", "env", "team", "owner", "project", "costCenter"];
    private static readonly string[] Teams = ["ml-platform", "search-ranking", "cv-lab", "nlp-lab", "recsys", "risk-modeling"];
    private static readonly string[] TeamsZh = ["机器学习平台组", "搜索排序组", "视觉实验室", "自然语言处理组", "推荐算法组", "风控建模组"];
    private static readonly string[] Projects = ["ctr-prediction", "churn-model", "ocr-invoice", "chatbot-faq", "demand-forecast", "image-tagging"];
    private static readonly Weighted<int> PathCounts = new((0, 50), (1, 35), (2, 15));
    private static readonly string[] Paths = ["/mnt/workspace/data", "/mnt/workspace/.cache", "/mnt/workspace/checkpoints", "/mnt/workspace/outputs", "/root/.cache/huggingface", "/root/.cache/pip", "/tmp"];

    private static JsonNode DswStatus(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var profile = context.Dataset.Profile;
        if (profile.EvenMixes) return DswAll.Pick(ref random, profile);
        var mix = Seed.Combine(context.Dataset.Key, DswMixSalt);
        return (context.Index < RecentRecords ? DswRecent : DswOlder).PickSeeded(ref random, mix, MixSpread, profile);
    }

    private static string DescribeDswStatus(FixtureProfile profile) => profile.EvenMixes
        ? "Available, Saving, Pushing and Failed, 25% each"
        : $"the newest {RecentRecords.ToString("N0", CultureInfo.InvariantCulture)} snapshots: {DswRecent.Describe()}; older ones (no longer in progress): {DswOlder.Describe()}; "
            + "each weight scaled by a seeded factor between 0.5 and 2, so the mix varies with the seed";

    private static JsonNode ReasonCode(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) =>
        Failed(siblings) ? DswReasons.Pick(ref random).Code : RecordGenerator.Absent;

    private static string DescribeReasonCode(FixtureProfile profile) => "only on Failed snapshots: " + DswReasons.Describe(x => x.Code);

    private static JsonNode FailureMessage(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        if (!Failed(siblings)) return RecordGenerator.Absent;
        var code = (string?)siblings!["ReasonCode"];
        return DswReasons.Values.FirstOrDefault(r => r.Code == code).Message ?? DswReasons.Pick(ref random).Message;
    }

    private static bool Failed(Siblings? siblings) => (string?)siblings?["Status"] == "Failed";

    // One instance lives in one region and runs one framework; each snapshot is an image named for its time.
    private static JsonNode ImageUrl(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) =>
        Instance(context).Image + TimeText.Format(context.Created, "yyyyMMddHHmmss");

    private static string DescribeImageUrl(FixtureProfile profile) =>
        "registry.cn-<region>.aliyuncs.com/pai_product/<framework>:py3<8-11>_<gpu 60%|cpu>_<framework version>_ubuntu_<creation time>; region and framework fixed per instance";

    private static JsonNode Labels(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var array = new JsonArray();
        var count = LabelCounts.Pick(ref random);
        var first = random.Next(LabelKeys.Length);
        if (count == 0) return array;
        var values = context.Vocabulary.Chinese ? Instance(context).LabelsZh : Instance(context).Labels;
        for (var i = 0; i < count; i++)
        {
            var k = (first + i) % LabelKeys.Length;
            array.Add(new JsonObject { ["Key"] = LabelKeys[k], ["Value"] = values[k] });
        }

        return array;
    }

    // The instance last asked for: every snapshot of an instance shares its region, image and label values.
    private static readonly LastParentValue<PaiInstance> Instances = new(key => new PaiInstance(key));

    private static PaiInstance Instance(RecordContext context) => Instances.For(context.Dataset.ParentKey);

    private sealed class PaiInstance
    {
        public PaiInstance(ulong key)
        {
            var image = new FieldRandom(Seed.Combine(key, 0x1A6EUL));
            var region = image.Pick(PaiRegions);
            var (repo, tags) = Images[image.Next(Images.Length)];
            var python = image.Between(8, 11).ToString(CultureInfo.InvariantCulture);
            var device = image.Chance(0.6) ? "gpu" : "cpu";
            Image = $"registry.cn-{region}.aliyuncs.com/pai_product/{repo}:py3{python}_{device}_{image.Pick(tags)}_ubuntu_";
            var labels = new FieldRandom(Seed.Combine(key, 0x1ABE15UL));
            var english = Vocabulary.For("en");
            var team = labels.Next(Teams.Length);
            Labels =
            [
                "1" + Digits(ref labels, 15),
                Environments.Pick(ref labels),
                Teams[team],
                (labels.Pick(english.EnglishFirstNames) + "-" + labels.Pick(english.EnglishLastNames)).ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal),
                labels.Pick(Projects),
                "CC-" + Digits(ref labels, 4),
            ];
            LabelsZh = [.. Labels];
            LabelsZh[2] = TeamsZh[team];
        }

        /// <summary>The image URL up to the snapshot's time.</summary>
        public string Image { get; }

        public string[] Labels { get; }

        public string[] LabelsZh { get; }
    }

    private static string DescribeLabels(FixtureProfile profile) =>
        $"{LabelCounts.Describe(n => n.ToString(CultureInfo.InvariantCulture))} labels from {string.Join(", ", LabelKeys)}, "
        + "with the instance's own values (a 16-digit account id, its environment, team (Chinese in zh_CN), owner, project, cost centre)";

    private static JsonNode ExcludePaths(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        var array = new JsonArray();
        var count = PathCounts.Pick(ref random);
        var first = random.Next(Paths.Length);
        for (var i = 0; i < count; i++) array.Add(Paths[(first + (i * 3)) % Paths.Length]);
        return array;
    }

    private static string DescribeExcludePaths(FixtureProfile profile) =>
        $"{PathCounts.Describe(n => n.ToString(CultureInfo.InvariantCulture))} paths from {string.Join(", ", Paths)}";

    private static string Digits(ref FieldRandom random, int count)
    {
        var text = new char[count];
        for (var i = 0; i < count; i++) text[i] = (char)('0' + random.Next(10));
        return new string(text);
    }
}
