using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>What the stub does with a call under <c>/__admin</c>.</summary>
internal enum AdminRoute
{
    /// <summary>Passed to WireMock.Net (a body, if any, within the size limit; a 5xx answer replaced by a plain one).</summary>
    Pass,

    /// <summary>A mapping (or a list of them) to check and rewrite before WireMock reads it.</summary>
    Mappings,

    /// <summary><c>DELETE /__admin/mappings</c>, with or without a list of mappings to delete.</summary>
    MappingsDelete,

    /// <summary>WireMock's settings: only the safe ones may change, and the request log stays bounded.</summary>
    Settings,

    /// <summary>WireMock's request log: credentials redacted, our fast-path requests merged into the listing.</summary>
    Requests,

    /// <summary><c>POST /__admin/requests/find</c> and <c>/count</c>: a request pattern checked like a mapping's, answers redacted.</summary>
    RequestSearch,

    /// <summary><c>PUT /__admin/scenarios/{name}/state</c>: a small JSON body, checked before WireMock reads it.</summary>
    ScenarioState,

    /// <summary><c>POST /__admin/reset</c>: mappings back to the pack's, logs cleared (WireMock.Net has no such route).</summary>
    Reset,

    /// <summary>Turned off: the route reads or writes files, or is not one a stub needs (403, or 404 for an unknown GET).</summary>
    Off,

    /// <summary>A query parameter the route does not take (400).</summary>
    BadQuery,
}

/// <summary>
/// WireMock.Net's admin API reduced to what a stub needs: an allow-list of routes and of their query
/// parameters; mappings checked and rewritten before WireMock reads them (no file outside the pack's
/// <c>__files</c>, no proxy except to the hosts given with <c>--allow-proxy</c>, no webhooks, nothing saved to
/// disk, only matchers with a time limit or a linear cost, no template helpers); settings that cannot lift
/// the request-log bound, turn on disk access or change how requests are handled; bodies of at most 1 MiB.
/// </summary>
internal static partial class AdminGuard
{
    /// <summary>The most bytes an admin body under <c>/__admin</c> may have; larger ones get 413.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The longest delay (ms) a mapping or <c>GlobalProcessingDelay</c> may ask, as <c>/__stub/latency</c>.</summary>
    public const int MaxDelayMilliseconds = 600_000;

    private const string Guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private static readonly System.Text.RegularExpressions.Regex MappingGuid = new($"^/__admin/mappings/{Guid}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex MappingCodeGuid = new($"^/__admin/mappings/code/{Guid}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex MappingSwitch = new($"^/__admin/mappings/{Guid}/(enable|disable)$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex RequestGuid = new($"^/__admin/requests/{Guid}(/near-misses)?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex ScenarioStatePath = new("^/__admin/scenarios/[^/]+/state$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex ScenarioPath = new("^/__admin/scenarios/[^/]+(/reset)?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// What to do with <paramref name="method"/> <paramref name="path"/>, and why when it is off. Query
    /// parameters (<paramref name="queryKeys"/>, as WireMock.Net reads them) are checked against the few each
    /// route takes, without regard to case and after decoding: anything else is refused, so no spelling of
    /// <c>reloadStaticMappings</c> reaches WireMock.
    /// </summary>
    public static (AdminRoute Route, string? Why) Classify(string method, string path, IReadOnlyList<string> queryKeys)
    {
        var (route, why) = Route(method, path);
        if (route is AdminRoute.Off or AdminRoute.Reset) return (route, why);
        var takes = Takes(method, path);
        var unknown = queryKeys.FirstOrDefault(k => !takes.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is null) return (route, why);
        if (path.TrimEnd('/') == "/__admin/mappings/reset") return (AdminRoute.Off, "it takes no query; reloadStaticMappings reads mapping files from the server's disk");
        var allowed = takes.Length == 0 ? "it takes none" : $"it takes only {string.Join(", ", takes)}";
        return (AdminRoute.BadQuery, $"query parameter '{Engine.TextChecks.Scrub(unknown)}' is not one {method} {path} takes here ({allowed})");
    }

    private static (AdminRoute Route, string? Why) Route(string method, string path)
    {
        var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var post = HttpMethods.IsPost(method);
        var put = HttpMethods.IsPut(method);
        var delete = HttpMethods.IsDelete(method);
        if (path.Length > "/__admin/".Length && path.EndsWith('/')) path = path.TrimEnd('/');
        return path switch
        {
            "/__admin/health" when get => (AdminRoute.Pass, null),
            "/__admin/settings" when get => (AdminRoute.Pass, null),
            "/__admin/settings" when put || post => (AdminRoute.Settings, null),
            "/__admin/mappings" when get => (AdminRoute.Pass, null),
            "/__admin/mappings" when delete => (AdminRoute.MappingsDelete, null),
            "/__admin/mappings" when post => (AdminRoute.Mappings, null),
            "/__admin/mappings/code" when get => (AdminRoute.Pass, null),
            "/__admin/mappings/reset" when post => (AdminRoute.Pass, null),
            "/__admin/mappings/save" => (AdminRoute.Off, "it writes the mappings to files on the server's disk"),
            "/__admin/mappings/reloadStaticMappings" => (AdminRoute.Off, "it reads mapping files from the server's disk"),
            "/__admin/mappings/swagger" => (AdminRoute.Off, "WireMock.Net's schema document is not offered by this stub"),
            "/__admin/mappings/wiremock.org" or "/__admin/mappingswiremock.org" => (AdminRoute.Off, "importing is not offered; POST WireMock.Net mappings to /__admin/mappings"),
            "/__admin/reset" when post => (AdminRoute.Reset, null),
            "/__admin/requests" when get => (AdminRoute.Requests, null),
            "/__admin/requests" when delete => (AdminRoute.Pass, null),
            "/__admin/requests/reset" when post => (AdminRoute.Pass, null),
            "/__admin/requests/find" or "/__admin/requests/count" when post => (AdminRoute.RequestSearch, null),
            "/__admin/requests/find" when get => (AdminRoute.Requests, null),
            "/__admin/requests/unmatched" or "/__admin/requests/unmatched/near-misses" when get => (AdminRoute.Requests, null),
            "/__admin/scenarios" when get || delete => (AdminRoute.Pass, null),
            "/__admin/scenarios/reset" when post => (AdminRoute.Pass, null),
            _ when MappingCodeGuid.IsMatch(path) && get => (AdminRoute.Pass, null),
            _ when MappingGuid.IsMatch(path) && (get || delete) => (AdminRoute.Pass, null),
            _ when MappingGuid.IsMatch(path) && put => (AdminRoute.Mappings, null),
            _ when MappingSwitch.IsMatch(path) && put => (AdminRoute.Pass, null),
            _ when RequestGuid.IsMatch(path) && (get || delete) => (AdminRoute.Requests, null),
            _ when ScenarioStatePath.IsMatch(path) && put => (AdminRoute.ScenarioState, null),
            _ when ScenarioPath.IsMatch(path) && (delete || post) => (AdminRoute.Pass, null),
            _ when path.StartsWith("/__admin/files", StringComparison.Ordinal) => (AdminRoute.Off, "it reads and writes files on the server's disk"),
            _ when path.StartsWith("/__admin/openapi", StringComparison.Ordinal) || path.StartsWith("/__admin/protodefinitions", StringComparison.Ordinal) => (AdminRoute.Off, "it is not offered by this stub"),
            _ => (AdminRoute.Off, "it is not one of the admin routes this stub offers (see SECURITY.md)"),
        };
    }

    // The query parameters WireMock.Net reads on each route; every other route takes none.
    private static string[] Takes(string method, string path)
    {
        path = path.TrimEnd('/');
        if (path == "/__admin/mappings/code" || MappingCodeGuid.IsMatch(path)) return ["MappingConverterType"];
        if (path == "/__admin/requests/find" && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))) return ["mappingGuid"];
        if (path.EndsWith("/near-misses", StringComparison.Ordinal)) return ["maxResults"];
        return [];
    }
}
