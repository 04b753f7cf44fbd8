using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>The provider could not be reached at all (no answer to the first request).</summary>
public sealed class ProviderUnreachableException(string message) : IOException(message)
{
}

/// <summary>One API as probed: the parent it ran under and the size of its list, when it lists.</summary>
/// <param name="Id">The API id.</param>
/// <param name="Path">The path under the parent.</param>
/// <param name="Total">The total the reference walk's first page reported, for a listing API.</param>
public sealed record ProbedApi(string Id, string Path, long? Total);

/// <summary>A whole probe: what was checked against which provider, and every check's result.</summary>
/// <param name="BaseUrl">The provider.</param>
/// <param name="Stub">Whether the provider answered <c>GET /__stub/parents</c> as the stub server does.</param>
/// <param name="Seed">The seed of the run's choices.</param>
/// <param name="MaxRequests">The budget.</param>
/// <param name="Requests">How many requests were sent.</param>
/// <param name="Apis">The APIs probed, in order.</param>
/// <param name="Checks">Every check, in the order run.</param>
public sealed record ProbeReport(Uri BaseUrl, bool Stub, ulong Seed, int MaxRequests, int Requests, IReadOnlyList<ProbedApi> Apis, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>How many checks ended so.</summary>
    public int Count(CheckOutcome outcome) => Checks.Count(c => c.Outcome == outcome);

    /// <summary>Whether every check that ran held (skipped checks are not failures, nor passes).</summary>
    public bool Passed => Count(CheckOutcome.Failed) == 0;
}

/// <summary>
/// <c>apicontracts probe</c>: checks any implementation of the APIs over HTTP against the documented behaviour,
/// derived from the definitions (paging model, query and body tables, error model), never written per API.
/// </summary>
public static class Prober
{
    /// <summary>Runs every check of <paramref name="options"/> against the provider.</summary>
    /// <exception cref="ArgumentException">When the options are unusable (every problem listed) or a provider other than the stub lacks parents.</exception>
    /// <exception cref="ProviderUnreachableException">When the provider does not answer.</exception>
    public static ProbeReport Run(ContractCatalog catalog, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems(catalog);
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        var apis = options.Apis.Count == 0 ? catalog.Apis : options.Apis.Distinct(StringComparer.Ordinal).Select(catalog.Api).ToList();
        var secret = options.Credentials.Select(c => c.Key).Concat(catalog.Apis.Select(a => a.Auth.Header));
        using var client = new ProbeClient(options.BaseUrl, options.MaxRequests, options.Timeout, secret);

        var (stub, parents) = Parents(client, apis, options);
        var results = new List<CheckResult>();
        var probed = new List<ProbedApi>();
        foreach (var api in apis)
        {
            var probe = new ApiProbe(api, catalog, client, options, parents[api.Id], results);
            if (api.Pagination is not null)
            {
                var list = new ListProbe(probe);
                list.Run();
                probed.Add(new ProbedApi(api.Id, probe.Path, list.Total));
            }
            else
            {
                new ActionProbe(probe, () => SourceItems(catalog, client, options, api, parents[api.Id], results)).Run();
                probed.Add(new ProbedApi(api.Id, probe.Path, null));
            }
        }

        return new ProbeReport(options.BaseUrl, stub, options.Seed, options.MaxRequests, client.Sent, probed, results);
    }

    /// <summary>
    /// The parent of each API: the stub's known parents (<c>GET /__stub/parents</c>, open), narrowed by the values
    /// given; any other provider needs every path parameter given.
    /// </summary>
    private static (bool Stub, Dictionary<string, IReadOnlyDictionary<string, string>> Parents) Parents(ProbeClient client, IReadOnlyList<ApiDefinition> apis, ProbeOptions options)
    {
        var answer = client.Send("GET", "__stub/parents", [new("Accept", "application/json")]);
        if (answer.Error is not null) throw new ProviderUnreachableException($"--base-url {options.BaseUrl}: the provider does not answer ({answer.Error})");
        var known = answer.Status == 200 && answer.Json is JsonObject o && apis.Any(a => o[a.Id] is JsonArray) ? o : null;

        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var api in apis)
        {
            var names = api.Request.Path?.Fields.Select(f => f.Name).ToList() ?? [];
            var given = options.Parents.Where(kv => names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var candidates = (known?[api.Id] as JsonArray ?? []).OfType<JsonObject>()
                .Select(p => p.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => ApiProbe.Text(kv.Value), StringComparer.Ordinal))
                .Where(p => names.All(p.ContainsKey))
                .ToList();
            var parent = candidates.FirstOrDefault(p => given.All(g => p[g.Key] == g.Value))
                ?? (candidates.Count > 0 ? new Dictionary<string, string>(candidates[0], StringComparer.Ordinal).Concat(given).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal) : given);
            var lacking = names.Where(n => !parent.ContainsKey(n)).ToList();
            if (lacking.Count > 0) missing.Add($"{api.Id} needs {string.Join(" ", lacking.Select(n => $"--parent {n}=<value>"))}");
            result[api.Id] = parent;
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"{options.BaseUrl} is not the stub server (GET /__stub/parents answered {answer.Status}), so the parents must be given, or the APIs chosen with --api: {string.Join("; ", missing)}");
        }

        return (known is not null, result);
    }

    /// <summary>The first page of the list an action API acts on (its dataset source), under the same parent.</summary>
    private static IReadOnlyList<JsonNode> SourceItems(ContractCatalog catalog, ProbeClient client, ProbeOptions options, ApiDefinition api, IReadOnlyDictionary<string, string> parent, List<CheckResult> results)
    {
        if (api.Dataset.Source is not { } id || catalog.Apis.FirstOrDefault(a => a.Id == id) is not { Pagination: { } paging } source) return [];
        var names = source.Request.Path?.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var values = parent.Where(kv => names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (!names.All(values.ContainsKey)) return [];
        var exchange = new ApiProbe(source, catalog, client, options, values, results).Send([]);
        return paging.ItemsIn(exchange.Json)?.OfType<JsonNode>().ToList() ?? [];
    }
}
