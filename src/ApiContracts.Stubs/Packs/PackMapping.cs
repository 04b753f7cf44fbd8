using System.Text.Json.Nodes;

namespace ApiContracts.Stubs.Packs;

/// <summary>One stub of a WireMock (Java) JSON mapping, read strictly: an unsupported key is an error naming the file and key.</summary>
public sealed partial record PackMapping
{
    /// <summary>WireMock's default priority for stubs that give none.</summary>
    public const int DefaultPriority = 5;

    private static readonly string[] TopKeys = ["id", "uuid", "name", "priority", "request", "response", "metadata", "persistent"];
    private static readonly string[] RequestKeys = ["method", "url", "urlPath", "urlPattern", "urlPathPattern", "queryParameters", "headers", "bodyPatterns"];
    private static readonly string[] ResponseKeys = ["status", "headers", "body", "jsonBody", "base64Body", "bodyFileName", "fixedDelayMilliseconds", "delayDistribution", "statusMessage", "transformers"];

    /// <summary>The mapping's id.</summary>
    public Guid? Id { get; init; }

    /// <summary>Its name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Lower is tried first; WireMock's default is 5.</summary>
    public int Priority { get; init; } = DefaultPriority;

    /// <summary>The method, or <c>ANY</c>.</summary>
    public string Method { get; init; } = "ANY";

    /// <summary>How the URL is matched: <c>url</c>, <c>urlPath</c>, <c>urlPattern</c> or <c>urlPathPattern</c>.</summary>
    public string UrlKind { get; init; } = "urlPattern";

    /// <summary>The URL or pattern.</summary>
    public string Url { get; init; } = ".*";

    /// <summary>Query parameter conditions.</summary>
    public IReadOnlyDictionary<string, StringCondition> Query { get; init; } = new Dictionary<string, StringCondition>();

    /// <summary>Header conditions (names case-insensitive).</summary>
    public IReadOnlyDictionary<string, StringCondition> Headers { get; init; } = new Dictionary<string, StringCondition>();

    /// <summary>Body conditions, all of which must hold.</summary>
    public IReadOnlyList<StringCondition> Body { get; init; } = [];

    /// <summary>The response status.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Response headers.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The response body bytes (inline, JSON or from <c>__files</c>).</summary>
    public byte[] ResponseBody { get; init; } = [];

    /// <summary>Smallest delay in ms.</summary>
    public int DelayMin { get; init; }

    /// <summary>Largest delay in ms.</summary>
    public int DelayMax { get; init; }

    /// <summary>Reads every stub of a mapping file (one stub, or <c>{"mappings": [...]}</c>).</summary>
    /// <exception cref="FormatException">Naming the file, the stub, the key and what is wrong; never another exception for a malformed file.</exception>
    public static IReadOnlyList<PackMapping> Read(string file, string filesFolder)
    {
        ArgumentNullException.ThrowIfNull(file);
        JsonNode? root;
        try
        {
            root = ApiContracts.Core.Json.JsonInput.ReadFile(file);
        }
        catch (ApiContracts.Core.Json.JsonInputException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        if (root is not JsonObject top) throw new FormatException($"{file}: a mapping file holds one stub object or {{\"mappings\": [...]}}, not {Describe(root)}");
        IReadOnlyList<JsonNode?> stubs = [top];
        if (top.TryGetPropertyValue("mappings", out var list))
        {
            if (top.Count > 1) throw new FormatException($"{file}: next to 'mappings' no other key is allowed (found {string.Join(", ", top.Select(kv => $"'{kv.Key}'").Where(k => k != "'mappings'"))})");
            stubs = (list as JsonArray)?.ToList() ?? throw new FormatException($"{file}: 'mappings' must be an array of stubs, not {Describe(list)}");
        }

        return stubs.Select((s, i) => One(s as JsonObject ?? throw new FormatException($"{file}: mappings[{i}] must be a stub object, not {Describe(s)}"), stubs.Count == 1 && list is null ? file : $"{file} mappings[{i}]", filesFolder)).ToList();
    }

    private static PackMapping One(JsonObject stub, string where, string filesFolder)
    {
        Only(stub, TopKeys, where);
        var request = Object(stub, "request", where) ?? throw new FormatException($"{where}: 'request' is required");
        var response = Object(stub, "response", where) ?? throw new FormatException($"{where}: 'response' is required");
        Only(request, RequestKeys, $"{where} request");
        Only(response, ResponseKeys, $"{where} response");
        var urlKinds = new[] { "url", "urlPath", "urlPattern", "urlPathPattern" }.Where(request.ContainsKey).ToList();
        if (urlKinds.Count > 1) throw new FormatException($"{where} request: give one of url, urlPath, urlPattern, urlPathPattern");
        var urlKind = urlKinds.FirstOrDefault() ?? "urlPattern";
        var url = Text(request, urlKind, $"{where} request") ?? ".*";
        if (urlKind is "urlPattern" or "urlPathPattern") _ = StringCondition.CompileRegex(url, ignoreCase: false, $"{where} request '{urlKind}'");
        var id = Text(stub, "id", where) ?? Text(stub, "uuid", where);
        if (id is not null && !Guid.TryParse(id, out _)) throw new FormatException($"{where}: '{(stub.ContainsKey("id") ? "id" : "uuid")}' must be a UUID, not \"{id}\"");

        var bodies = new[] { "body", "jsonBody", "base64Body", "bodyFileName" }.Where(response.ContainsKey).ToList();
        if (bodies.Count > 1) throw new FormatException($"{where} response: give one of body, jsonBody, base64Body, bodyFileName (found {string.Join(", ", bodies)})");
        byte[] body = [];
        if (Text(response, "body", $"{where} response") is { } text) body = System.Text.Encoding.UTF8.GetBytes(text);
        else if (response.TryGetPropertyValue("jsonBody", out var json)) body = System.Text.Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null");
        else if (Text(response, "base64Body", $"{where} response") is { } b64) body = Base64(b64, $"{where} response");
        else if (Text(response, "bodyFileName", $"{where} response") is { } name) body = BodyFile(filesFolder, name, where);

        var (min, max) = (0, 0);
        if (Int(response, "fixedDelayMilliseconds", $"{where} response", 0, MaxDelay) is { } fixedDelay) min = max = fixedDelay;
        if (Object(response, "delayDistribution", $"{where} response") is { } distribution)
        {
            var at = $"{where} response delayDistribution";
            Only(distribution, ["type", "lower", "upper"], at);
            if (Text(distribution, "type", at) != "uniform") throw new FormatException($"{at}: only the uniform delayDistribution is supported ('type': \"uniform\")");
            min = Int(distribution, "lower", at, 0, MaxDelay) ?? throw new FormatException($"{at}: 'lower' is required");
            max = Int(distribution, "upper", at, 0, MaxDelay) ?? throw new FormatException($"{at}: 'upper' is required");
            if (max < min) throw new FormatException($"{at}: 'upper' ({max}) is below 'lower' ({min})");
        }

        return new PackMapping
        {
            Id = id is null ? null : Guid.Parse(id),
            Name = Text(stub, "name", where) ?? string.Empty,
            Priority = Int(stub, "priority", where, 1, int.MaxValue) ?? DefaultPriority,
            Method = (Text(request, "method", $"{where} request") ?? "ANY").ToUpperInvariant(),
            UrlKind = urlKind,
            Url = url,
            Query = Conditions(request, "queryParameters", $"{where} request", StringComparer.Ordinal),
            Headers = Conditions(request, "headers", $"{where} request", StringComparer.OrdinalIgnoreCase),
            Body = Array(request, "bodyPatterns", $"{where} request").Select((b, i) => StringCondition.Parse(b, $"{where} request bodyPatterns[{i}]")).ToList(),
            Status = Int(response, "status", $"{where} response", 100, 599) ?? 200,
            ResponseHeaders = ResponseHeaderValues(response, $"{where} response"),
            ResponseBody = body,
            DelayMin = min,
            DelayMax = max,
            Template = ResponseTemplate.Read(response, body, $"{where} response"),
        };
    }

    // A day: longer is a mistake, and would overflow the timer arithmetic of the servers.
    private const int MaxDelay = 86_400_000;

    private static Dictionary<string, StringCondition> Conditions(JsonObject parent, string key, string where, StringComparer comparer)
    {
        var result = new Dictionary<string, StringCondition>(comparer);
        foreach (var (name, pattern) in Object(parent, key, where) ?? []) result[name] = StringCondition.Parse(pattern, $"{where} {key}.{name}");
        return result;
    }

    private static Dictionary<string, string> ResponseHeaderValues(JsonObject response, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Object(response, "headers", where) ?? [])
        {
            result[name] = value switch
            {
                JsonValue v when v.TryGetValue<string>(out var one) => one,
                JsonArray a when a.All(x => x is JsonValue e && e.TryGetValue<string>(out _)) => string.Join(", ", a.Select(x => x!.GetValue<string>())),
                _ => throw new FormatException($"{where} headers: '{name}' must be a text value or an array of them, not {Describe(value)}"),
            };
        }

        return result;
    }

    private static byte[] Base64(string text, string where)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{where}: 'base64Body' is not valid base64");
        }
    }

    // Typed reads: absent is null; present with the wrong type (null included) is an error naming the key.
    private static string? Text(JsonObject o, string key, string where) =>
        !o.TryGetPropertyValue(key, out var node) ? null
        : node is JsonValue v && v.TryGetValue<string>(out var text) ? text
        : throw new FormatException($"{where}: '{key}' must be a text value, not {Describe(node)}");

    private static int? Int(JsonObject o, string key, string where, int min, int max)
    {
        if (!o.TryGetPropertyValue(key, out var node)) return null;
        if (node is JsonValue v && v.TryGetValue<decimal>(out var number) && number == decimal.Truncate(number) && number >= min && number <= max) return (int)number;
        throw new FormatException($"{where}: '{key}' must be a whole number from {min} to {max}, not {Describe(node)}");
    }

    private static JsonObject? Object(JsonObject o, string key, string where) =>
        !o.TryGetPropertyValue(key, out var node) ? null
        : node as JsonObject ?? throw new FormatException($"{where}: '{key}' must be an object, not {Describe(node)}");

    private static JsonArray Array(JsonObject o, string key, string where) =>
        !o.TryGetPropertyValue(key, out var node) ? []
        : node as JsonArray ?? throw new FormatException($"{where}: '{key}' must be an array, not {Describe(node)}");

    /// <summary>A JSON value as messages name it: <c>null</c>, <c>an object</c>, <c>the number 1.5</c>, ...</summary>
    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => $"the text {v.ToJsonString()}",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => $"the number {v.ToJsonString()}",
        _ => node.ToJsonString(),
    };

    // WireMock reads bodyFileName relative to the __files folder beside mappings; a name may not leave it,
    // neither by '..' nor through a symbolic link (a __files/link.txt to /etc/passwd, or a linked folder):
    // the file is read at its real path, which must lie inside the real __files folder.
    private static byte[] BodyFile(string filesFolder, string name, string where)
    {
        var root = Path.GetFullPath(filesFolder);
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new FormatException($"{where} response: bodyFileName '{name}' leaves the __files folder");
        if (!Directory.Exists(root)) throw new FormatException($"{where} response: bodyFileName '{name}' not found: the pack has no __files folder ({filesFolder})");
        // The pack is the folder the user named (reached through links or not); its __files folder is its own.
        if (new DirectoryInfo(root).LinkTarget is { } target) throw new FormatException($"{where} response: bodyFileName '{name}': the pack's __files folder is a symbolic link (to {target}); bodies are read only from a real __files folder inside the pack");
        var (real, why) = Hosting.AdminGuard.PackFile(name, root);
        if (real is null) throw new FormatException($"{where} response: bodyFileName '{name}' {why}");
        return File.ReadAllBytes(real);
    }

    private static void Only(JsonObject node, string[] allowed, string where)
    {
        foreach (var (key, _) in node)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal)) throw new FormatException($"{where}: unsupported key '{key}' (supported: {string.Join(", ", allowed)})");
        }
    }
}
