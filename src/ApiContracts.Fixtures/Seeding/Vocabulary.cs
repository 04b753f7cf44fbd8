using Bogus;
using Bogus.Bson;

namespace ApiContracts.Fixtures.Seeding;

/// <summary>
/// Word lists for realistic text: people's names and place names from Bogus's locale data, and a domain
/// vocabulary of our own (services, databases, regions, operations words) in English and Chinese. No Latin
/// filler text: every word is one an operator of these services would write. Picked by hash, so text costs a
/// table lookup rather than a reseeded Faker per value.
/// </summary>
public sealed class Vocabulary
{
    private static readonly Dictionary<string, Vocabulary> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    private Vocabulary(string locale)
    {
        Locale = locale;
        FirstNames = Read("name", "first_name", locale);
        LastNames = Read("name", "last_name", locale);
        Cities = Read("address", "city_prefix", locale);
        EnglishFirstNames = Read("name", "first_name", "en");
        EnglishLastNames = Read("name", "last_name", "en");
        Words = Chinese ? ChineseWords : EnglishWords;
        Regions = Chinese ? ChineseRegions : EnglishRegions;
    }

    /// <summary>The locale (<c>en</c> or <c>zh_CN</c>).</summary>
    public string Locale { get; }

    /// <summary>Whether text should be Chinese.</summary>
    public bool Chinese => Locale == "zh_CN";

    /// <summary>First names in the locale.</summary>
    public IReadOnlyList<string> FirstNames { get; }

    /// <summary>Last names in the locale.</summary>
    public IReadOnlyList<string> LastNames { get; }

    /// <summary>English first names (for user names, which are ASCII everywhere).</summary>
    public IReadOnlyList<string> EnglishFirstNames { get; }

    /// <summary>English last names.</summary>
    public IReadOnlyList<string> EnglishLastNames { get; }

    /// <summary>Operations words in the locale, for free text no hint shapes.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Cloud region names in the locale, for descriptions.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>City name parts in the locale.</summary>
    public IReadOnlyList<string> Cities { get; }

    /// <summary>Service names (identifiers, the same in every locale).</summary>
    public static IReadOnlyList<string> Services { get; } =
    [
        "order-service", "payment-gateway", "user-center", "inventory-api", "notification-worker", "search-indexer",
        "report-scheduler", "auth-server", "cart-service", "billing-engine", "media-transcoder", "log-collector",
        "api-gateway", "recommendation-engine", "risk-control", "coupon-service", "shipping-tracker", "member-portal",
    ];

    /// <summary>Database names.</summary>
    public static IReadOnlyList<string> Databases { get; } = ["orders", "payments", "users", "inventory", "billing", "coupons", "shipping", "reports", "members"];

    /// <summary>English operations words.</summary>
    public static IReadOnlyList<string> EnglishWords { get; } =
    [
        "backup", "snapshot", "release", "rollback", "migration", "checkpoint", "maintenance", "upgrade", "patch", "capacity",
        "cluster", "gateway", "database", "cache", "queue", "worker", "deployment", "canary", "hotfix", "baseline",
        "nightly", "weekly", "staging", "production", "failover", "restore", "scaling", "monitoring", "retention", "audit",
    ];

    /// <summary>Chinese operations words and phrases (Bogus's zh_CN data has names and places only).</summary>
    public static IReadOnlyList<string> ChineseWords { get; } =
    [
        "训练环境", "推理服务", "数据预处理", "模型评估", "灰度发布", "日志采集", "配置变更", "性能调优",
        "回滚验证", "夜间备份", "扩容演练", "版本升级", "测试环境", "生产环境", "缓存刷新", "接口联调",
        "数据迁移", "故障演练", "容量规划", "安全加固",
    ];

    /// <summary>Huawei Cloud regions as their consoles name them in English.</summary>
    public static IReadOnlyList<string> EnglishRegions { get; } = ["CN North-Beijing4", "CN East-Shanghai1", "CN South-Guangzhou", "AP-Singapore", "CN Southwest-Guiyang1"];

    /// <summary>The same regions in Chinese.</summary>
    public static IReadOnlyList<string> ChineseRegions { get; } = ["华北-北京四", "华东-上海一", "华南-广州", "亚太-新加坡", "西南-贵阳一"];

    /// <summary>The vocabulary for <paramref name="locale"/> (<c>en</c> or <c>zh_CN</c>).</summary>
    /// <exception cref="ArgumentException">For another locale.</exception>
    public static Vocabulary For(string locale)
    {
        if (locale is not ("en" or "zh_CN")) throw new ArgumentException($"unknown locale '{locale}' (allowed: en, zh_CN)", nameof(locale));
        lock (Gate)
        {
            if (!Cache.TryGetValue(locale, out var vocabulary)) Cache[locale] = vocabulary = new Vocabulary(locale);
            return vocabulary;
        }
    }

    private static string[] Read(string category, string path, string locale)
    {
        var value = Database.Get(category, path, locale, "en");
        if (value is not BArray array || array.Count == 0) throw new InvalidOperationException($"Bogus has no {category}.{path} for {locale}");
        var result = new string[array.Count];
        for (var i = 0; i < array.Count; i++) result[i] = array[i].StringValue;
        return result;
    }
}
