using System.Globalization;
using ApiContracts.Core;

namespace ApiContracts.Conformance.Probe;

/// <summary>What <see cref="Prober"/> checks and how: the provider, the APIs, parents, credentials and budget.</summary>
public sealed record ProbeOptions
{
    /// <summary>The provider's base URL (http or https); the APIs' paths are appended to it.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The API ids to check; empty (the default) checks every API of the catalog.</summary>
    public IReadOnlyList<string> Apis { get; init; } = [];

    /// <summary>
    /// Path parameter values (<c>instance_id</c> → value), applied to every API with that parameter. Without them
    /// the parents come from <c>GET /__stub/parents</c> when the provider is the stub; any other provider needs
    /// every path parameter of every API checked.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parents { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Headers sent with every request (<c>X-Auth-Token</c> → token). An API whose credential header is not among
    /// them gets a placeholder value, which the stub accepts unless started with <c>--token</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Credentials { get; init; } = [];

    /// <summary>The most requests the run may send (default 2000); checks it cannot afford are skipped, never passed.</summary>
    public int MaxRequests { get; init; } = 2000;

    /// <summary>Picks the page sizes, offsets, markers and unknown ids the checks use (default 1); the same seed asks the same requests.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How long one request may take (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called with each check as it completes (for progress output).</summary>
    public Action<CheckResult>? OnCheck { get; init; }

    /// <summary>Every problem with the options at once, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems(ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<string>();
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            problems.Add($"--base-url '{BaseUrl}': an absolute http(s) URL is required");
        }

        var known = catalog.Apis.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in Apis.Where(id => !known.Contains(id)))
        {
            problems.Add($"--api '{id}': no such API (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }

        var names = catalog.Apis.SelectMany(a => a.Request.Path?.Fields.Select(f => f.Name) ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var name in Parents.Keys.Where(n => !names.Contains(n)))
        {
            problems.Add($"--parent '{name}': no API has this path parameter (known: {string.Join(", ", names.Order(StringComparer.Ordinal))})");
        }

        foreach (var (name, value) in Parents.Where(kv => kv.Value.Length == 0 || kv.Value.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add($"--parent {name}='{value}': a path parameter value must be non-empty and hold no '/'");
        }

        foreach (var (name, _) in Credentials.Where(kv => kv.Key.Length == 0 || kv.Key.Any(c => c <= ' ' || c == ':' || c > '~')))
        {
            problems.Add($"--credential '{name}': not a header name");
        }

        if (MaxRequests < 1) problems.Add(string.Create(CultureInfo.InvariantCulture, $"--max-requests {MaxRequests}: at least 1 request is needed"));
        if (Timeout <= TimeSpan.Zero) problems.Add("the request timeout must be positive");
        return problems;
    }
}
