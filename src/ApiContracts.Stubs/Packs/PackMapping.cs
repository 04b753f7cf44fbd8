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
    /// <exception cref="FormatException">Naming the file, the stub and what is wrong.</exception>
    public static IReadOnlyList<PackMapping> Read(string file, string filesFolder)
    {
        ArgumentNullException.ThrowIfNull(file);
        JsonNode? root;
        try
        {
            root = ApiContracts.Core.Json.JsonInput.Parse(File.ReadAllText(file), file);
        }
        catch (ApiContracts.Core.Json.JsonInputException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        var stubs = root is JsonObject o && o["mappings"] is JsonArray list ? list.ToList() : [root];
        return stubs.Select((s, i) => One(s as JsonObject ?? throw new FormatException($"{file}: stub {i} is not an object"), $"{file} stub {i}", filesFolder)).ToList();
    }

    private static PackMapping One(JsonObject stub, string where, string filesFolder)
    {
        Only(stub, TopKeys, where);
        var request = stub["request"] as JsonObject ?? throw new FormatException($"{where}: 'request' is required");
        var response = stub["response"] as JsonObject ?? throw new FormatException($"{where}: 'response' is required");
        Only(request, RequestKeys, $"{where} request");
        Only(response, ResponseKeys, $"{where} response");
        var urlKinds = new[] { "url", "urlPath", "urlPattern", "urlPathPattern" }.Where(request.ContainsKey).ToList();
        if (urlKinds.Count > 1) throw new FormatException($"{where} request: give one of url, urlPath, urlPattern, urlPathPattern");
        var urlKind = urlKinds.FirstOrDefault() ?? "urlPattern";
        var id = (string?)stub["id"] ?? (string?)stub["uuid"];

        byte[] body = [];
        if (response["body"] is JsonValue text) body = System.Text.Encoding.UTF8.GetBytes(text.GetValue<string>());
        else if (response["jsonBody"] is { } json) body = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        else if (response["base64Body"] is JsonValue b64) body = Convert.FromBase64String(b64.GetValue<string>());
        else if (response["bodyFileName"] is JsonValue name) body = BodyFile(filesFolder, name.GetValue<string>(), where);

        var (min, max) = (0, 0);
        if (response["fixedDelayMilliseconds"] is JsonValue fixedDelay) min = max = fixedDelay.GetValue<int>();
        if (response["delayDistribution"] is JsonObject distribution)
        {
            if ((string?)distribution["type"] != "uniform") throw new FormatException($"{where} response: only the uniform delayDistribution is supported");
            (min, max) = ((int)distribution["lower"]!, (int)distribution["upper"]!);
        }

        return new PackMapping
        {
            Id = id is null ? null : Guid.Parse(id),
            Name = (string?)stub["name"] ?? string.Empty,
            Priority = stub["priority"] is JsonValue p ? p.GetValue<int>() : DefaultPriority,
            Method = ((string?)request["method"] ?? "ANY").ToUpperInvariant(),
            UrlKind = urlKind,
            Url = (string?)request[urlKind] ?? ".*",
            Query = Conditions(request["queryParameters"], $"{where} queryParameters", StringComparer.Ordinal),
            Headers = Conditions(request["headers"], $"{where} headers", StringComparer.OrdinalIgnoreCase),
            Body = (request["bodyPatterns"] as JsonArray ?? []).Select((b, i) => StringCondition.Parse(b, $"{where} bodyPatterns[{i}]")).ToList(),
            Status = response["status"] is JsonValue s ? s.GetValue<int>() : 200,
            ResponseHeaders = (response["headers"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value is JsonArray a ? string.Join(", ", a) : kv.Value?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase),
            ResponseBody = body,
            DelayMin = min,
            DelayMax = max,
            Template = ResponseTemplate.Read(response, body, $"{where} response"),
        };
    }

    private static Dictionary<string, StringCondition> Conditions(JsonNode? node, string where, StringComparer comparer)
    {
        var result = new Dictionary<string, StringCondition>(comparer);
        foreach (var (name, pattern) in node as JsonObject ?? []) result[name] = StringCondition.Parse(pattern, $"{where}.{name}");
        return result;
    }

    // WireMock reads bodyFileName relative to the __files folder beside mappings; a name may not leave it.
    private static byte[] BodyFile(string filesFolder, string name, string where)
    {
        var root = Path.GetFullPath(filesFolder);
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new FormatException($"{where}: bodyFileName '{name}' leaves the __files folder");
        if (!File.Exists(full)) throw new FormatException($"{where}: bodyFileName '{name}' not found in {filesFolder}");
        return File.ReadAllBytes(full);
    }

    private static void Only(JsonObject node, string[] allowed, string where)
    {
        foreach (var (key, _) in node)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal)) throw new FormatException($"{where}: unsupported key '{key}' (supported: {string.Join(", ", allowed)})");
        }
    }
}
