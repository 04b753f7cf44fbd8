using Bogus;
using Bogus.Bson;

namespace ApiContracts.Fixtures.Seeding;

/// <summary>
/// Word lists for realistic text, read once from Bogus's locale data (names, lorem, hacker words) and
/// picked by hash, so text costs a table lookup rather than a reseeded Faker per value.
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
        Words = Read("lorem", "words", "en");
        Nouns = Read("hacker", "noun", "en");
        Adjectives = Read("hacker", "adjective", "en");
        Cities = Read("address", "city_prefix", locale);
        EnglishFirstNames = Read("name", "first_name", "en");
        EnglishLastNames = Read("name", "last_name", "en");
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

    /// <summary>Lorem words.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Technical nouns.</summary>
    public IReadOnlyList<string> Nouns { get; }

    /// <summary>Technical adjectives.</summary>
    public IReadOnlyList<string> Adjectives { get; }

    /// <summary>City name parts in the locale.</summary>
    public IReadOnlyList<string> Cities { get; }

    /// <summary>Chinese phrases of our own for free text in zh_CN (Bogus's zh_CN data has names and places only).</summary>
    public static IReadOnlyList<string> ChinesePhrases { get; } =
    [
        "训练环境", "推理服务", "数据预处理", "模型评估", "灰度发布", "日志采集", "配置变更", "性能调优",
        "回滚验证", "夜间备份", "扩容演练", "版本升级", "测试环境", "生产环境", "缓存刷新", "接口联调",
    ];

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
