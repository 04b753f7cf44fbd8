using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WireMock.Admin.Mappings;

namespace ApiContracts.Stubs.Hosting;

/// <summary>What a posted mapping may refer to: the loaded pack's <c>__files</c> folder and the <c>--allow-proxy</c> hosts.</summary>
/// <param name="PackFiles">The pack's <c>__files</c> folder, or null without a pack.</param>
/// <param name="ProxyHosts">Hosts a mapping may proxy to.</param>
internal sealed record MappingRules(string? PackFiles, IReadOnlyCollection<string> ProxyHosts);

/// <summary>A checked mapping body: what WireMock will read, and each mapping's GUID and size (for the mapping budget).</summary>
/// <param name="Body">The JSON WireMock reads.</param>
/// <param name="Mappings">Each mapping's GUID (given, or set by the stub) and its size in bytes.</param>
internal sealed record CheckedMappings(byte[] Body, IReadOnlyList<(Guid Guid, long Bytes)> Mappings);

// POST /__admin/mappings and PUT /__admin/mappings/{guid}: two passes over the body. The first, on our JSON,
// rewrites (timed matchers, the real path of a body file, a GUID); the second reads the result as WireMock.Net's
// own model (Newtonsoft, as WireMock reads it) and checks that, so nothing differs between our view and WireMock's.
internal static partial class AdminGuard
{
    /// <summary>
    /// Checks and rewrites a posted mapping or list of mappings. Every problem is listed at once with its JSON
    /// pointer. <paramref name="guid"/> is the GUID in the URL of a PUT, which WireMock uses whatever the body says.
    /// </summary>
    /// <exception cref="AdminBodyException">A 400 listing every refused part.</exception>
    public static CheckedMappings RewriteMappings(JsonNode body, MappingRules rules, bool list, Guid? guid = null)
    {
        var problems = new List<string>();
        var mappings = new List<JsonObject?>();
        switch (body)
        {
            case JsonObject single:
                mappings.Add(single);
                break;
            case JsonArray array when list:
                for (var i = 0; i < array.Count; i++)
                {
                    mappings.Add(array[i] as JsonObject);
                    if (array[i] is not JsonObject) problems.Add($"/{i}: a mapping must be a JSON object");
                }

                break;
            default:
                problems.Add(list ? "the body must be a mapping (a JSON object) or a list of them" : "the body must be a mapping (a JSON object)");
                break;
        }

        var at = body is JsonArray ? (Func<int, string>)(i => $"/{i}") : _ => string.Empty;
        for (var i = 0; i < mappings.Count; i++)
        {
            if (mappings[i] is { } mapping) Mapping(mapping, at(i), rules, problems);
        }

        Refuse(problems);
        var bytes = Bytes(body);
        var models = body is JsonArray ? WireMockModel.Read<MappingModel[]>(bytes, "mapping") : [WireMockModel.Read<MappingModel>(bytes, "mapping")];
        for (var i = 0; i < models.Length; i++) WireMockModel.CheckMapping(models[i], at(i), rules, problems);
        Refuse(problems);

        var sizes = new List<(Guid, long)>();
        for (var i = 0; i < mappings.Count; i++) sizes.Add((guid ?? models[i].Guid!.Value, Bytes(mappings[i]!).LongLength));
        return new CheckedMappings(bytes, sizes);
    }

    /// <summary>
    /// Checks and rewrites the request pattern of <c>POST /__admin/requests/find</c> and <c>/count</c>: WireMock
    /// runs it against every logged request, so its matchers get the same time limits as a mapping's.
    /// </summary>
    /// <exception cref="AdminBodyException">A 400 listing every refused part.</exception>
    public static byte[] RewriteRequestSearch(JsonNode body)
    {
        if (body is not JsonObject request) throw new AdminBodyException(400, "the body must be a request pattern (a JSON object, as a mapping's Request)");
        var problems = new List<string>();
        Request(request, string.Empty, problems);
        Refuse(problems);
        var bytes = Bytes(request);
        WireMockModel.CheckRequest(WireMockModel.Read<RequestModel>(bytes, "request pattern"), string.Empty, problems);
        Refuse(problems);
        return bytes;
    }

    /// <summary>Checks a small JSON body WireMock reads as <typeparamref name="T"/> (a scenario state, a list of mappings to delete).</summary>
    public static byte[] CheckModel<T>(JsonNode body, string what)
    {
        var bytes = Bytes(body);
        WireMockModel.Read<T>(bytes, what);
        return bytes;
    }

    private static void Refuse(List<string> problems)
    {
        if (problems.Count > 0) throw new AdminBodyException(400, "mapping refused: " + string.Join("; ", problems.Take(50)));
    }

    private static void Mapping(JsonObject mapping, string at, MappingRules rules, List<string> problems)
    {
        if (Get(mapping, "Request") is not JsonObject request) problems.Add($"{at}/Request: an object is required");
        else Request(request, $"{at}/Request", problems);
        if (Get(mapping, "Response") is not JsonObject response) problems.Add($"{at}/Response: an object is required");
        else Response(response, $"{at}/Response", rules, problems);

        // A GUID of our own when none is given, so the mapping budget can follow the mapping.
        var guidKey = Key(mapping, "Guid");
        var given = guidKey is not null && mapping[guidKey] is JsonValue g && g.TryGetValue<string>(out var text) && System.Guid.TryParse(text, out var parsed) && parsed != System.Guid.Empty;
        if (guidKey is not null && !given && mapping[guidKey] is not null) return; // WireMock's model reading names the bad value
        if (!given)
        {
            if (guidKey is not null) mapping.Remove(guidKey);
            mapping["Guid"] = NewGuid().ToString();
        }
    }

    private static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (random), in .NET's little-endian field layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
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
                    var here = $"{at}/{Pointer(name)}";
                    if (name.Equals("CustomScalars", StringComparison.OrdinalIgnoreCase)) problems.Add($"{here}: not offered (it names .NET types to load)");
                    else if (name.Equals("Matcher", StringComparison.OrdinalIgnoreCase) && value is JsonObject one) Matcher(one, here, problems);
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

    // Renames WireMock's regex and wildcard matchers to the timed ones; the model pass checks everything else.
    // A matcher's Pattern is data (a JsonMatcher's is any JSON) and is not searched for matchers.
    private static void Matcher(JsonObject matcher, string at, List<string> problems)
    {
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
        }

        foreach (var (key, value) in matcher.ToList())
        {
            if (key.EndsWith("Matcher", StringComparison.OrdinalIgnoreCase) && value is JsonObject nested) Matcher(nested, $"{at}/{Pointer(key)}", problems);
            else if (key.Equals("CustomScalars", StringComparison.OrdinalIgnoreCase)) problems.Add($"{at}/{Pointer(key)}: not offered (it names .NET types to load)");
        }
    }

    private static void Response(JsonObject response, string at, MappingRules rules, List<string> problems)
    {
        if (Key(response, "BodyAsFile") is { } fileKey && response[fileKey] is { } fileNode)
        {
            var file = fileNode is JsonValue f && f.TryGetValue<string>(out var given) ? given : null;
            var (real, why) = file is null ? (null, "must be a file name") : PackFile(file, rules.PackFiles);
            if (real is null) problems.Add($"{at}/BodyAsFile '{Shown(file)}': {why}");
            else response[fileKey] = real;
        }
    }

    private static string Shown(string? text) => text is null ? "null" : Engine.TextChecks.Shown(text, 200);
}
