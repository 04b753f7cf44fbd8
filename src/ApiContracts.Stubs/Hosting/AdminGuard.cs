using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>What the stub does with a call under <c>/__admin</c>.</summary>
internal enum AdminRoute
{
    /// <summary>Passed to WireMock.Net as is.</summary>
    Pass,

    /// <summary>A mapping (or a list of them) to check and rewrite before WireMock reads it.</summary>
    Mappings,

    /// <summary>WireMock's settings: only the safe ones may change, and the request log stays bounded.</summary>
    Settings,

    /// <summary>WireMock's request log: credentials redacted, our fast-path requests merged into the listing.</summary>
    Requests,

    /// <summary><c>POST /__admin/reset</c>: mappings back to the pack's, logs cleared (WireMock.Net has no such route).</summary>
    Reset,

    /// <summary>Turned off: the route reads or writes files, or is not one a stub needs.</summary>
    Off,
}

/// <summary>
/// WireMock.Net's admin API reduced to what a stub needs: an allow-list of routes; mappings checked and
/// rewritten before WireMock reads them (no file outside the pack's <c>__files</c>, no proxy except to the
/// hosts given with <c>--allow-proxy</c>, no webhooks, nothing saved to disk, regex and wildcard matchers
/// with a time limit); settings that cannot lift the request-log bound or turn on disk access; bodies of
/// at most 1 MiB.
/// </summary>
internal static class AdminGuard
{
    /// <summary>The most bytes an admin body under <c>/__admin</c> may have; larger ones get 413.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private const string Guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private static readonly System.Text.RegularExpressions.Regex MappingGuid = new($"^/__admin/mappings/{Guid}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly System.Text.RegularExpressions.Regex MappingSwitch = new($"^/__admin/mappings/{Guid}/(enable|disable)$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Settings a PUT may give, besides those the stub fixes (see <see cref="RewriteSettings"/>).</summary>
    private static readonly HashSet<string> FreeSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "GlobalProcessingDelay", "AllowPartialMapping", "RequestLogExpirationDuration", "MaxRequestLogCount",
        "AllowBodyForAllHttpMethods", "AllowOnlyDefinedHttpStatusCodeInResponse", "DisableJsonBodyParsing",
        "DisableDeserializeFormUrlEncoded", "HandleRequestsSynchronously", "UseRegexExtended",
        "DoNotSaveDynamicResponseInLogEntry", "QueryParameterMultipleValueSupport",
    };

    /// <summary>Settings whose only accepted value is the stub's own (off), since they read or write disk, proxy, or unbound memory.</summary>
    private static readonly Dictionary<string, (JsonNode? Value, string Why)> FixedSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ReadStaticMappings"] = (false, "it reads mapping files from disk"),
        ["WatchStaticMappings"] = (false, "it reads mapping files from disk"),
        ["WatchStaticMappingsInSubdirectories"] = (false, "it reads mapping files from disk"),
        ["SaveUnmatchedRequests"] = (false, "it writes files"),
        ["ProxyAndRecordSettings"] = (null, "it proxies to other hosts and writes files"),
        ["DisableRequestBodyDecompressing"] = (true, "decompressing bodies lets a small request take unbounded memory"),
        ["CorsPolicyOptions"] = (null, "CORS is the stub's own (see --cors-origin)"),
        ["ProtoDefinitions"] = (null, "not offered"),
        ["HostingScheme"] = (null, "not offered"),
        ["ClientCertificateMode"] = (0, "not offered"),
        ["AcceptAnyClientCertificate"] = (false, "not offered"),
        ["WebSocketSettings"] = (null, "not offered"),
    };

    /// <summary>What to do with <paramref name="method"/> <paramref name="path"/>, and why when it is off.</summary>
    public static (AdminRoute Route, string? Why) Classify(string method, string path, QueryString query)
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
            "/__admin/mappings" when get || delete => (AdminRoute.Pass, null),
            "/__admin/mappings" when post => (AdminRoute.Mappings, null),
            "/__admin/mappings/code" or "/__admin/mappings/swagger" when get => (AdminRoute.Pass, null),
            "/__admin/mappings/reset" when post && !query.Value.ContainsText("reloadStaticMappings") => (AdminRoute.Pass, null),
            "/__admin/mappings/save" => (AdminRoute.Off, "it writes the mappings to files on the server's disk"),
            "/__admin/mappings/reloadStaticMappings" or "/__admin/mappings/reset" => (AdminRoute.Off, "it reads mapping files from the server's disk"),
            "/__admin/mappings/wiremock.org" or "/__admin/mappingswiremock.org" => (AdminRoute.Off, "importing is not offered; POST WireMock.Net mappings to /__admin/mappings"),
            "/__admin/reset" when post => (AdminRoute.Reset, null),
            _ when path.StartsWith("/__admin/mappings/code/", StringComparison.Ordinal) && get => (AdminRoute.Pass, null),
            _ when MappingGuid.IsMatch(path) && (get || delete) => (AdminRoute.Pass, null),
            _ when MappingGuid.IsMatch(path) && put => (AdminRoute.Mappings, null),
            _ when MappingSwitch.IsMatch(path) => (AdminRoute.Pass, null),
            _ when path is "/__admin/requests" || path.StartsWith("/__admin/requests/", StringComparison.Ordinal) => (AdminRoute.Requests, null),
            _ when path is "/__admin/scenarios" || path.StartsWith("/__admin/scenarios/", StringComparison.Ordinal) => (AdminRoute.Pass, null),
            _ when path.StartsWith("/__admin/files", StringComparison.Ordinal) => (AdminRoute.Off, "it reads and writes files on the server's disk"),
            _ when path.StartsWith("/__admin/openapi", StringComparison.Ordinal) || path.StartsWith("/__admin/protodefinitions", StringComparison.Ordinal) => (AdminRoute.Off, "it is not offered by this stub"),
            _ => (AdminRoute.Off, "it is not one of the admin routes this stub offers (see SECURITY.md)"),
        };
    }

    private static bool ContainsText(this string? value, string text) => value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an admin JSON body: strict UTF-8, no unpaired surrogates; a 400 names what is wrong.</summary>
    public static JsonNode ParseBody(byte[] body)
    {
        var (text, problem) = TextChecks.Decode(body, "the body");
        if (text is null) throw new AdminBodyException(400, problem!);
        if (TextChecks.UnpairedEscape(text) is { } where) throw new AdminBodyException(400, $"the body escapes an unpaired UTF-16 surrogate at {where}, which is not text");
        JsonNode? parsed;
        try
        {
            parsed = JsonInput.Parse(text, "body");
        }
        catch (JsonInputException ex)
        {
            throw new AdminBodyException(400, ex.Message);
        }

        if (parsed is null) throw new AdminBodyException(400, "the body is empty or null; a JSON object is required");
        return parsed;
    }

    /// <summary>
    /// Checks and rewrites a posted mapping or list of mappings. Every problem is listed at once with its JSON
    /// pointer; the rewrite resolves <c>BodyAsFile</c> to its real path and puts the timed matchers in.
    /// </summary>
    /// <exception cref="AdminBodyException">A 400 listing every refused part.</exception>
    public static JsonNode RewriteMappings(JsonNode body, string? packFiles, IReadOnlyCollection<string> proxyHosts, bool list)
    {
        var problems = new List<string>();
        switch (body)
        {
            case JsonObject single:
                Mapping(single, string.Empty, packFiles, proxyHosts, problems);
                break;
            case JsonArray array when list:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject mapping) Mapping(mapping, $"/{i}", packFiles, proxyHosts, problems);
                    else problems.Add($"/{i}: a mapping must be a JSON object");
                }

                break;
            default:
                problems.Add(list ? "the body must be a mapping (a JSON object) or a list of them" : "the body must be a mapping (a JSON object)");
                break;
        }

        if (problems.Count > 0) throw new AdminBodyException(400, "mapping refused: " + string.Join("; ", problems));
        return body;
    }

    private static void Mapping(JsonObject mapping, string at, string? packFiles, IReadOnlyCollection<string> proxyHosts, List<string> problems)
    {
        if (Get(mapping, "Request") is not JsonObject request) problems.Add($"{at}/Request: an object is required");
        else Request(request, $"{at}/Request", problems);
        if (Get(mapping, "Response") is not JsonObject response) problems.Add($"{at}/Response: an object is required");
        else Response(response, $"{at}/Response", packFiles, proxyHosts, problems);
        if (Get(mapping, "SaveToFile") is JsonValue save && save.TryGetValue<bool>(out var saving) && saving) problems.Add($"{at}/SaveToFile: saving mappings to disk is off");
        if (Get(mapping, "Webhook") is JsonObject || Get(mapping, "Webhooks") is JsonArray { Count: > 0 })
        {
            problems.Add($"{at}/Webhook: webhooks (calls from the stub to other servers) are off");
        }
    }

    private static void Request(JsonObject request, string at, List<string> problems)
    {
        // A plain string path, URL or client IP is a wildcard pattern to WireMock: give it the timed matcher.
        foreach (var name in new[] { "Path", "Url", "ClientIP" })
        {
            if (Key(request, name) is { } key && request[key] is JsonValue v && v.TryGetValue<string>(out var pattern) && pattern.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                request[key] = new JsonObject { ["Matchers"] = new JsonArray(new JsonObject { ["Name"] = TimedMatchers.WildcardName, ["Pattern"] = pattern }) };
            }
        }

        Matchers(request, at, problems);
    }

    // Every matcher sits under a "Matchers" list or a "Matcher" object, wherever in the request it is.
    private static void Matchers(JsonNode? node, string at, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var here = $"{at}/{name}";
                    if (name.Equals("Matcher", StringComparison.OrdinalIgnoreCase) && value is JsonObject one) Matcher(one, here, problems);
                    else if (name.Equals("Matchers", StringComparison.OrdinalIgnoreCase) && value is JsonArray many)
                    {
                        for (var i = 0; i < many.Count; i++)
                        {
                            if (many[i] is JsonObject m) Matcher(m, $"{here}/{i}", problems);
                        }
                    }
                    else Matchers(value, here, problems);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Matchers(array[i], $"{at}/{i}", problems);
                break;
        }
    }

    private static void Matcher(JsonObject matcher, string at, List<string> problems)
    {
        if (Key(matcher, "PatternAsFile") is not null || (Get(matcher, "Patterns") is JsonArray patterns && patterns.OfType<JsonObject>().Any(p => Key(p, "PatternAsFile") is not null)))
        {
            problems.Add($"{at}/PatternAsFile: matchers may not read files");
        }

        var nameKey = Key(matcher, "Name");
        var name = nameKey is not null && matcher[nameKey] is JsonValue n && n.TryGetValue<string>(out var text) ? text : null;
        switch (name?.Split('.')[0])
        {
            case "RegexMatcher":
                matcher[nameKey!] = TimedMatchers.RegexName;
                break;
            case "WildcardMatcher":
                matcher[nameKey!] = TimedMatchers.WildcardName;
                break;
            case "JsonMatcher" or "JsonPartialMatcher" or "JsonPartialWildcardMatcher" when Get(matcher, "Regex") is JsonValue r && r.TryGetValue<bool>(out var regex) && regex:
                problems.Add($"{at}/Regex: regex values in JSON matchers run without the stub's time limit; use a RegexMatcher instead");
                break;
            case TimedMatchers.RegexName or TimedMatchers.WildcardName:
                break;
        }

        foreach (var (key, value) in matcher.ToList())
        {
            if (!key.Equals("Name", StringComparison.OrdinalIgnoreCase)) Matchers(value, $"{at}/{key}", problems);
        }
    }

    private static void Response(JsonObject response, string at, string? packFiles, IReadOnlyCollection<string> proxyHosts, List<string> problems)
    {
        if (Key(response, "BodyAsFile") is { } fileKey && response[fileKey] is { } fileNode)
        {
            var file = fileNode is JsonValue f && f.TryGetValue<string>(out var given) ? given : null;
            var (real, why) = file is null ? (null, "must be a file name") : PackFile(file, packFiles);
            if (real is null) problems.Add($"{at}/BodyAsFile '{file}': {why}");
            else response[fileKey] = real;
        }

        if (Key(response, "ProxyUrl") is { } proxyKey && response[proxyKey] is JsonValue proxy && proxy.TryGetValue<string>(out var url) && url.Length > 0)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                problems.Add($"{at}/ProxyUrl '{url}': an absolute http(s) URL is required");
            }
            else if (!proxyHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{at}/ProxyUrl '{url}': proxying to {target.Host} is off (start the server with --allow-proxy {target.Host} to allow it)");
            }
        }

        foreach (var name in new[] { "WebProxy", "X509Certificate2ThumbprintOrSubjectName" })
        {
            if (Get(response, name) is not null) problems.Add($"{at}/{name}: not offered");
        }
    }

    /// <summary>
    /// The real path of <paramref name="file"/> (relative names are taken in the pack's <c>__files</c>),
    /// when it is a file inside that folder once <c>..</c> and every symbolic link are resolved.
    /// </summary>
    internal static (string? Real, string? Why) PackFile(string file, string? packFiles)
    {
        if (packFiles is null || !Directory.Exists(packFiles)) return (null, "bodies from files are only read from the loaded pack's __files folder, and no pack is loaded (--pack)");
        if (file.Length == 0 || file.Contains('\0', StringComparison.Ordinal)) return (null, "must be a file name");
        string root;
        string real;
        try
        {
            root = RealPath(Path.GetFullPath(packFiles));
            real = RealPath(Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(packFiles, file)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, "cannot be resolved to a file inside the pack's __files folder");
        }

        var inside = real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside) return (null, "is outside the pack's __files folder (after resolving .. and links); only files there may be served");
        return File.Exists(real) ? (real, null) : (null, "no such file in the pack's __files folder");
    }

    // Resolves every link along the path, component by component (a link in a parent folder counts too).
    private static string RealPath(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (parts.Count > 0)
        {
            var next = Path.Combine(current, parts.Dequeue());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) throw new IOException("too many links");
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = parts.ToArray();
                parts = new Queue<string>(resolved[Path.GetPathRoot(resolved)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = Path.GetPathRoot(resolved)!;
                continue;
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// Checks a settings update and writes the stub's fixed values into it (WireMock.Net sets every setting
    /// the body leaves out to its empty value, which for the request log means unbounded).
    /// </summary>
    /// <exception cref="AdminBodyException">A 400 naming each refused setting.</exception>
    public static JsonObject RewriteSettings(JsonNode body, int currentLogCount, out int logCount)
    {
        if (body is not JsonObject settings) throw new AdminBodyException(400, "the body must be a JSON object of settings");
        var problems = new List<string>();
        logCount = currentLogCount;
        foreach (var (name, value) in settings.ToList())
        {
            if (name.Equals("MaxRequestLogCount", StringComparison.OrdinalIgnoreCase))
            {
                if (value is null) continue;
                if (value is JsonValue v && v.TryGetValue<int>(out var count) && count is >= 1 and <= StubServerOptions.MaxJournalSize) logCount = count;
                else problems.Add($"MaxRequestLogCount {value.ToJsonString()}: must be 1..{StubServerOptions.MaxJournalSize} (the stub's bound on its logs)");
            }
            else if (FixedSettings.TryGetValue(name, out var fixedValue))
            {
                if (value is not null && !JsonNode.DeepEquals(value, fixedValue.Value) && !(value is JsonValue b && b.TryGetValue<bool>(out var flag) && fixedValue.Value is JsonValue f && f.TryGetValue<bool>(out var want) && flag == want))
                {
                    problems.Add($"{name}: cannot be changed ({fixedValue.Why})");
                }
            }
            else if (!FreeSettings.Contains(name))
            {
                problems.Add($"{name}: not a setting this stub lets you change");
            }
        }

        if (problems.Count > 0) throw new AdminBodyException(400, "settings refused: " + string.Join("; ", problems));
        foreach (var (name, (value, _)) in FixedSettings)
        {
            if (Key(settings, name) is { } key) settings.Remove(key);
            if (value is not null) settings[name] = value.DeepClone();
        }

        if (Key(settings, "MaxRequestLogCount") is { } k) settings.Remove(k);
        settings["MaxRequestLogCount"] = logCount;
        if (Key(settings, "AllowBodyForAllHttpMethods") is null) settings["AllowBodyForAllHttpMethods"] = true;
        return settings;
    }

    private static string? Key(JsonObject obj, string name)
    {
        foreach (var (key, _) in obj)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return key;
        }

        return null;
    }

    private static JsonNode? Get(JsonObject obj, string name) => Key(obj, name) is { } key ? obj[key] : null;

    /// <summary>Replaces credential header values and cookie values in WireMock's log entries (any <c>Headers</c> or <c>Cookies</c> object in the answer).</summary>
    public static bool Redact(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name.Equals("Headers", StringComparison.OrdinalIgnoreCase) && value is JsonObject headers)
                    {
                        foreach (var (header, _) in headers.ToList())
                        {
                            if (!JournalEntry.IsCredential(header)) continue;
                            headers[header] = new JsonArray(JournalEntry.Redacted);
                            changed = true;
                        }
                    }
                    else if (name.Equals("Cookies", StringComparison.OrdinalIgnoreCase) && value is JsonObject cookies)
                    {
                        foreach (var (cookie, _) in cookies.ToList())
                        {
                            cookies[cookie] = JournalEntry.Redacted;
                            changed = true;
                        }
                    }
                    else
                    {
                        changed |= Redact(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array) changed |= Redact(item);
                break;
        }

        return changed;
    }

    /// <summary>Writes <paramref name="node"/> as the answer.</summary>
    public static async Task WriteJson(HttpContext context, JsonNode node)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(node, StubEngine.Compact);
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
