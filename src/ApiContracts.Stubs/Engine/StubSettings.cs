using System.Globalization;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Stubs.Engine;

/// <summary>The scenarios a request can ask for with <c>X-Stub-Scenario</c>, or the server can default to.</summary>
public static class Scenarios
{
    /// <summary>The request header naming a scenario.</summary>
    public const string Header = "X-Stub-Scenario";

    /// <summary>Every scenario with what it does.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["empty"] = "Lists answer with no items and a total of 0; the action API answers as usual.",
        ["error-500"] = "The API's documented 500 error body.",
        ["slow"] = "The normal answer, after an extra delay (SlowMilliseconds, 2000 ms by default).",
        ["not-found"] = "The API's documented 404 error body.",
        ["unauthorized"] = "The API's 401 error body, as for a missing or refused token.",
    };
}

/// <summary>Latency added to every API answer: a fixed value or a uniform range, in milliseconds.</summary>
/// <param name="Min">The smallest delay.</param>
/// <param name="Max">The largest delay.</param>
public readonly record struct Latency(int Min, int Max)
{
    /// <summary>No added delay.</summary>
    public static Latency None => new(0, 0);

    /// <summary>Parses <c>ms</c> or <c>min-max</c>.</summary>
    /// <exception cref="FormatException">Naming what is wrong.</exception>
    public static Latency Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && min <= max && max <= 600_000)
        {
            return new Latency(min, max);
        }

        throw new FormatException($"--latency '{text}' must be milliseconds (150) or a range (50-200), at most 600000");
    }

    /// <inheritdoc />
    public override string ToString() => Min == Max ? $"{Min} ms" : $"{Min}-{Max} ms";
}

/// <summary>The settings a running stub server can change through its admin endpoints; replaced whole, never mutated.</summary>
public sealed record StubSettings
{
    /// <summary>The dataset seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Records under each known parent.</summary>
    public long Size { get; init; } = 25;

    /// <summary>How the datasets' values are drawn: realistic (the default) or edge (stress values).</summary>
    public FixtureProfile Profile { get; init; } = FixtureProfile.Realistic;

    /// <summary>Delay added to every API answer.</summary>
    public Latency Latency { get; init; } = Latency.None;

    /// <summary>The share of API requests answered with the API's 500 error, 0..1.</summary>
    public double FaultRate { get; init; }

    /// <summary>The scenario used when a request names none; null for normal answers.</summary>
    public string? DefaultScenario { get; init; }

    /// <summary>The only accepted token, or null to accept any non-empty one.</summary>
    public string? Token { get; init; }

    /// <summary>The extra delay of the <c>slow</c> scenario.</summary>
    public int SlowMilliseconds { get; init; } = 2000;

    /// <summary>The largest request body accepted, in bytes; larger bodies get the API's 400.</summary>
    public int MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Whether every documented-mandatory header is enforced with the API's 400. By default (false) the stub is
    /// lenient where the real service is taken to be: a missing <c>Content-Type</c> on a request to an
    /// operation without a body is answered normally, with an <c>X-Stub-Warning</c> header and a journal note
    /// (see <see cref="ApiContracts.Core.Validation.RequestChecks.Lenient"/>).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Every problem with the settings, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Size < 0) problems.Add($"size {Size}: must be 0 or more");
        if (Size > 1_000_000_000) problems.Add($"size {Size}: at most 1000000000 records per parent");
        if (FaultRate is < 0 or > 1 || double.IsNaN(FaultRate)) problems.Add($"fault rate {FaultRate.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 1");
        if (DefaultScenario is not null && !Scenarios.All.ContainsKey(DefaultScenario))
        {
            problems.Add($"scenario '{DefaultScenario}': unknown (allowed: {string.Join(", ", Scenarios.All.Keys)})");
        }

        if (Token is { Length: 0 }) problems.Add("token: must not be empty");
        if (MaxBodyBytes < 1) problems.Add("max body bytes: must be positive");
        return problems;
    }
}
