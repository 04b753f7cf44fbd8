using System.Text.Json.Nodes;

namespace ApiContracts.Stubs.Hosting;

// PUT /__admin/settings: the few settings that are safe to change, within bounds.
internal static partial class AdminGuard
{
    /// <summary>Settings a PUT may give, besides those the stub fixes (see <see cref="RewriteSettings"/>); each was checked to change nothing the stub relies on.</summary>
    private static readonly HashSet<string> FreeSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "GlobalProcessingDelay", "AllowPartialMapping", "RequestLogExpirationDuration", "MaxRequestLogCount",
        "AllowBodyForAllHttpMethods", "AllowOnlyDefinedHttpStatusCodeInResponse", "DisableDeserializeFormUrlEncoded",
        "UseRegexExtended", "DoNotSaveDynamicResponseInLogEntry", "QueryParameterMultipleValueSupport",
    };

    /// <summary>Settings whose only accepted value is the stub's own, since they read or write disk, proxy, take unbounded memory or change how every request is handled.</summary>
    private static readonly Dictionary<string, (JsonNode? Value, string Why)> FixedSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ReadStaticMappings"] = (false, "it reads mapping files from disk"),
        ["WatchStaticMappings"] = (false, "it reads mapping files from disk"),
        ["WatchStaticMappingsInSubdirectories"] = (false, "it reads mapping files from disk"),
        ["SaveUnmatchedRequests"] = (false, "it writes files"),
        ["ProxyAndRecordSettings"] = (null, "it proxies to other hosts and writes files"),
        ["DisableRequestBodyDecompressing"] = (true, "decompressing bodies lets a small request take unbounded memory"),
        ["HandleRequestsSynchronously"] = (false, "it makes every request wait for the one before it, so one slow request stops the server"),
        ["DisableJsonBodyParsing"] = (false, "the admin API itself needs JSON bodies parsed"),
        ["CorsPolicyOptions"] = (null, "CORS is the stub's own (see --cors-origin)"),
        ["ProtoDefinitions"] = (null, "not offered"),
        ["HostingScheme"] = (null, "not offered"),
        ["ClientCertificateMode"] = (0, "not offered"),
        ["AcceptAnyClientCertificate"] = (false, "not offered"),
        ["WebSocketSettings"] = (null, "not offered"),
    };

    /// <summary>
    /// Checks a settings update and writes the stub's fixed values into it (WireMock.Net sets every setting
    /// the body leaves out to its empty value, which for the request log means unbounded). The result is also
    /// read as WireMock.Net's settings model, so a value of the wrong type is a 400 here, not a 500 there.
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
            else if (name.Equals("GlobalProcessingDelay", StringComparison.OrdinalIgnoreCase))
            {
                if (value is not null && !(value is JsonValue d && d.TryGetValue<int>(out var delay) && delay is >= 0 and <= MaxDelayMilliseconds))
                {
                    problems.Add($"GlobalProcessingDelay {value.ToJsonString()}: must be 0..{MaxDelayMilliseconds} ms (as /__stub/latency)");
                }
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
        WireMockModel.Read<WireMock.Admin.Settings.SettingsModel>(Bytes(settings), "settings");
        return settings;
    }

    /// <summary>The settings the server starts with, as a body for WireMock.Net's settings update: what <c>POST /__stub/reset</c> puts back.</summary>
    public static JsonObject InitialSettings(int logCount) => RewriteSettings(new JsonObject { ["GlobalProcessingDelay"] = 0 }, logCount, out _);
}
