using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

// Configuration files: one plan per file (the parent), versions that change a value now and then.
internal static partial class Providers
{
    private static readonly Weighted<string> Environments = new(("prod", 40), ("staging", 20), ("test", 20), ("dev", 15), ("pre", 5));
    private static readonly Weighted<string> Formats = new(("properties", 65), ("yaml", 35));
    private static readonly Weighted<string> FileNames = new(("{service}-{env}", 40), ("{service}", 25), ("application-{env}", 20), ("{service}-{env}-config", 15));
    private static readonly Weighted<int> TeamSizes = new((2, 25), (3, 35), (4, 25), (5, 15));
    private static readonly int[] TeamWeights = [50, 25, 15, 7, 3];
    private const double EmptyConfigDescription = 0.3;
    private const double SensitiveFiles = 0.25;
    private const double CreatorStreak = 0.65;

    private static readonly (string En, string Zh)[] FileDescriptions =
    [
        ("Runtime settings of {service} in {env}", "{service} 在 {env} 环境的运行配置"),
        ("Database and cache connections for {service}", "{service} 的数据库与缓存连接配置"),
        ("Feature flags of {service}", "{service} 功能开关"),
        ("Timeouts and retries of the {service} clients", "{service} 客户端超时与重试配置"),
        ("Shared logging settings", "公共日志配置"),
    ];

    // The settings a file may hold: key, whether its value changes between versions, and its values.
    private static readonly Setting[] Settings =
    [
        new("server.port", false, f => ["8080", "8081", "8090", "9090"]),
        new("spring.datasource.url", false, f => [$"jdbc:mysql://db-{f.Env}-01.internal:3306/{f.Database}?useUnicode=true&characterEncoding=utf8&useSSL=true", $"jdbc:postgresql://pg-{f.Env}-01.internal:5432/{f.Database}?sslmode=require"]),
        new("spring.datasource.username", false, f => [$"{f.Database}_app", $"svc_{f.Database}"]),
        new("spring.datasource.hikari.maximum-pool-size", true, f => ["10", "20", "30", "50"]),
        new("spring.redis.host", false, f => [$"redis-{f.Env}-01.internal", $"redis-{f.Env}-02.internal"]),
        new("spring.redis.port", false, f => ["6379"]),
        new("spring.redis.timeout", true, f => ["500ms", "2s", "3s", "5s"]),
        new("spring.kafka.bootstrap-servers", false, f => [$"kafka-{f.Env}-01.internal:9092,kafka-{f.Env}-02.internal:9092,kafka-{f.Env}-03.internal:9092"]),
        new("logging.level.root", true, f => ["INFO", "WARN", "DEBUG"]),
        new("logging.level.com.example.{pkg}", true, f => ["DEBUG", "INFO", "TRACE"]),
        new("feature.{flag}.enabled", true, f => ["true", "false"]),
        new("{svc}.http.connect-timeout", true, f => ["500ms", "1s", "2s", "3s"]),
        new("{svc}.http.read-timeout", true, f => ["5s", "10s", "30s", "60s"]),
        new("{svc}.cache.ttl", true, f => ["5m", "10m", "30m", "1h", "6h"]),
        new("{svc}.retry.max-attempts", true, f => ["2", "3", "5"]),
        new("{svc}.thread-pool.core-size", true, f => ["4", "8", "16", "32"]),
        new("{svc}.downstream.{peer}.url", false, f => [$"http://{f.Peer}.{f.Env}.svc.cluster.local:8080"]),
        new("management.endpoints.web.exposure.include", false, f => ["health,info,prometheus"]),
    ];

    private static readonly string[] Flags = ["new-checkout", "async-export", "gray-release", "rate-limit", "dark-launch", "coupon-v2"];

    // The plan of the file last asked for: every version of a file shares it.
    private static readonly LastParentValue<ConfigFile> Files = new(key => new ConfigFile(key));

    private static ConfigFile File(RecordContext context) => Files.For(context.Dataset.ParentKey);

    private static JsonNode ConfigName(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) => File(context).Name;

    private static string DescribeConfigName(FixtureProfile profile) =>
        "one name per file: " + FileNames.Describe() + $" (service from {Vocabulary.Services.Count}, environment " + Environments.Describe() + ")";

    private static JsonNode ConfigDescription(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) =>
        File(context).Description(context.Vocabulary.Chinese);

    private static string DescribeConfigDescription(FixtureProfile profile) =>
        $"one per file: empty for {Weighted<int>.Percent(EmptyConfigDescription)} of files, else one of "
        + string.Join(", ", FileDescriptions.Select(d => $"\"{d.En}\"")) + " (in Chinese in zh_CN)";

    private static JsonNode ConfigType(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) => File(context).Format;

    private static string DescribeConfigType(FixtureProfile profile) => "one format per file: " + Formats.Describe();

    private static JsonNode ConfigSensitive(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) => File(context).Sensitive(context.Index);

    private static string DescribeConfigSensitive(FixtureProfile profile) =>
        $"{Weighted<int>.Percent(SensitiveFiles)} of files turn sensitive at some version, 1 to 300 versions back, and stay so (true from there to the newest); the rest never";

    private static JsonNode ConfigContent(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        // A sensitive file's content is stored encrypted: the API shows it masked.
        if (siblings?["sensitive"] is JsonValue sensitive && sensitive.GetValue<bool>()) return "******";
        return File(context).Content(context.Index, context.Vocabulary.Chinese);
    }

    private static string DescribeConfigContent(FixtureProfile profile) =>
        "****** while the file is sensitive; else the file in its own format (properties: key = value lines; yaml: nested keys), "
        + $"3 to 5 lasting settings (JDBC URLs, Redis and Kafka hosts with ports, user names, endpoints) and 2 to 5 changing ones (pool sizes, durations such as 500ms or 30m, "
        + $"log levels, feature flags, retries) chosen per file from {Settings.Length}; each version changes exactly one value, the changing settings taking turns in a seeded order; "
        + "half the files start with a comment line (Chinese in zh_CN)";

    private static JsonNode Creator(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) => File(context).Creator(context.Index, ref random);

    private static string DescribeCreator(FixtureProfile profile) =>
        $"a team of {TeamSizes.Describe(n => n.ToString(CultureInfo.InvariantCulture))} people per file (first-last names), "
        + $"weighted {string.Join("/", TeamWeights)} from the owner down; {Weighted<int>.Percent(CreatorStreak)} of versions come from whoever made the versions around them (streaks of edits)";

    private sealed record Setting(string Key, bool Changes, Func<ConfigFile, string[]> Values);

    /// <summary>Everything one configuration file keeps across its versions, drawn from the parent's key.</summary>
    private sealed class ConfigFile
    {
        private readonly (string Key, string[] Parts, string[] Values, bool Changes, int Base, int Step)[] _settings;
        private readonly int _changing;
        private readonly string[] _team;
        private readonly long _sensitiveFrom;
        private readonly int _description;
        private readonly bool _comment;
        private readonly string _commentEn = string.Empty;
        private readonly string _commentZh = string.Empty;
        private readonly long _streakPhase;

        public ConfigFile(ulong key)
        {
            Key = key;
            var random = new FieldRandom(Seed.Combine(key, 0xC0F16UL));
            Service = random.Pick(Vocabulary.Services);
            Env = Environments.Pick(ref random);
            Database = random.Pick(Vocabulary.Databases);
            Format = Formats.Pick(ref random);
            Peer = random.Pick(Vocabulary.Services.Where(s => s != Service).ToArray());
            Name = FileNames.Pick(ref random).Replace("{service}", Service, StringComparison.Ordinal).Replace("{env}", Env, StringComparison.Ordinal);
            _description = random.Chance(EmptyConfigDescription) ? -1 : random.Next(FileDescriptions.Length);
            _comment = random.Chance(0.5);
            _commentEn = $"# {Service} settings ({Env})\n";
            _commentZh = $"# {Service} 配置（{Env} 环境）\n";
            var package = Service.Split('-')[0];
            var flag = random.Pick(Flags);
            // 3 to 5 settings that stay, 2 to 5 that change.
            var chosen = Shuffled(ref random, Settings.Length).Where(i => !Settings[i].Changes).Take((int)random.Between(3, 5))
                .Concat(Shuffled(ref random, Settings.Length).Where(i => Settings[i].Changes).Take((int)random.Between(2, 5)));
            var settings = new List<(string, string[], string[], bool, int, int)>();
            foreach (var i in chosen)
            {
                var setting = Settings[i];
                var name = setting.Key.Replace("{svc}", package, StringComparison.Ordinal).Replace("{pkg}", package, StringComparison.Ordinal)
                    .Replace("{flag}", flag, StringComparison.Ordinal).Replace("{peer}", Peer.Split('-')[0], StringComparison.Ordinal);
                var values = setting.Values(this);
                // Epoch e shows value (base + e * step) mod n; a step that is not a multiple of n changes the value at every epoch.
                settings.Add((name, name.Split('.'), values, setting.Changes && values.Length > 1, random.Next(values.Length), 1 + random.Next(Math.Max(1, values.Length - 1))));
            }

            // Sorted by key, so a YAML file nests shared prefixes once.
            _settings = settings.OrderBy(s => s.Item1, StringComparer.Ordinal).ToArray();
            _changing = _settings.Count(s => s.Changes);
            _team = Enumerable.Range(0, TeamSizes.Pick(ref random)).Select(_ => UserName(ref random)).Distinct(StringComparer.Ordinal).ToArray();
            _sensitiveFrom = random.Chance(SensitiveFiles) ? random.Between(1, 300) : 0;
            _streakPhase = random.Between(0, 2);
        }

        public ulong Key { get; }

        public string Service { get; }

        public string Env { get; }

        public string Database { get; }

        public string Peer { get; }

        public string Format { get; }

        public string Name { get; }

        public string Description(bool chinese)
        {
            if (_description < 0) return string.Empty;
            var text = FileDescriptions[_description];
            return (chinese ? text.Zh : text.En).Replace("{service}", Service, StringComparison.Ordinal).Replace("{env}", Env, StringComparison.Ordinal);
        }

        public bool Sensitive(long index) => index < _sensitiveFrom;

        public string Creator(long index, ref FieldRandom random)
        {
            // Streaks: a few versions in a row from one person, by a seeded pick per run of three.
            if (random.Chance(CreatorStreak))
            {
                var run = new FieldRandom(Seed.Combine(Key, (ulong)((index + _streakPhase) / 3)));
                return _team[PickMember(ref run)];
            }

            return _team[PickMember(ref random)];
        }

        public string Content(long index, bool chinese)
        {
            var text = new StringBuilder(320);
            if (_comment) text.Append(chinese ? _commentZh : _commentEn);
            // Versions come in windows of one version per changing setting; within a window each changing setting
            // changes once, at a seeded place, so every version differs from the one before it in exactly one value.
            Span<int> order = stackalloc int[Math.Max(_changing, 1)];
            var window = _changing == 0 ? 0 : index / _changing;
            var position = _changing == 0 ? 0 : (int)(index % _changing);
            if (_changing > 0)
            {
                var shuffle = new FieldRandom(Seed.Combine(Key, (ulong)window));
                for (var i = 0; i < _changing; i++) order[i] = i;
                for (var i = _changing - 1; i > 0; i--)
                {
                    var j = shuffle.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }

            var previous = Array.Empty<string>();
            var changing = 0;
            foreach (var (name, parts, values, changes, start, step) in _settings)
            {
                var value = values[start];
                if (changes)
                {
                    // The newest change at or before this version: in this window, or else in the older one.
                    var epoch = position <= order[changing++] ? window : window + 1;
                    value = values[(int)((start + (epoch % values.Length * step)) % values.Length)];
                }

                if (Format == "yaml") previous = Yaml(text, parts, previous, value);
                else text.Append(name).Append(" = ").Append(value).Append('\n');
            }

            return text.ToString(0, text.Length - 1);
        }

        private static IEnumerable<int> Shuffled(ref FieldRandom random, int count)
        {
            var order = Enumerable.Range(0, count).ToArray();
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            return order;
        }

        // One YAML setting: the key's parts the previous key did not share open nested mappings.
        private static string[] Yaml(StringBuilder text, string[] parts, string[] previous, string value)
        {
            var shared = 0;
            while (shared < parts.Length - 1 && shared < previous.Length - 1 && parts[shared] == previous[shared]) shared++;
            for (var depth = shared; depth < parts.Length - 1; depth++) text.Append(' ', depth * 2).Append(parts[depth]).Append(":\n");
            text.Append(' ', (parts.Length - 1) * 2).Append(parts[^1]).Append(": ").Append(value).Append('\n');
            return parts;
        }

        private int PickMember(ref FieldRandom random)
        {
            var total = 0;
            for (var i = 0; i < _team.Length; i++) total += TeamWeights[i];
            var pick = random.Next(total);
            for (var i = 0; i < _team.Length; i++)
            {
                if ((pick -= TeamWeights[i]) < 0) return i;
            }

            return 0;
        }

        private static string UserName(ref FieldRandom random)
        {
            var english = Vocabulary.For("en");
            return (random.Pick(english.EnglishFirstNames) + "-" + random.Pick(english.EnglishLastNames)).ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
        }
    }
}
