using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;
using ApiContracts.Stubs.Packs;

namespace ApiContracts.Stubs.Tests;

/// <summary>Malformed pack files: valid JSON of the wrong shape is refused with the file and key named, never an internal error.</summary>
public sealed class PackMalformedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-pack-malformed").FullName;

    public PackMalformedTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "mappings"));
        Directory.CreateDirectory(Path.Combine(_folder, "__files"));
        File.WriteAllText(Path.Combine(_folder, "__files", "body.json"), "{}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Every stub shape the generator writes: bodies from files, body patterns, delays, absent and contains conditions.
    public static TheoryData<string> GeneratedMappings() => new(
        "servicestage/mappings/servicestage-config-histories--default-page.json",
        "servicestage/mappings/servicestage-instance-action--error-400-scale-without-replica.json",
        "evs/mappings/evs-snapshots-detail--scenario-slow.json");

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(5), JsonValue.Create(1.5), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(true),
        JsonValue.Create("x"), JsonValue.Create("[unclosed"), JsonValue.Create(string.Empty), new JsonArray(), new JsonArray(JsonValue.Create(1)), new JsonObject(),
        new JsonObject { ["equalTo"] = null },
    ];

    [Theory]
    [MemberData(nameof(GeneratedMappings))]
    public void Read_EveryKeyReplacedByEveryWrongShape_IsAcceptedOrAFormatExceptionNamingFileAndKey(string mapping)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "fixtures", "stubs", mapping)))!;
        var bodies = Path.Combine(Repo.Root, "fixtures", "stubs", mapping.Split('/')[0], "__files");
        var file = Path.Combine(_folder, "mappings", "fuzzed.json");
        var tried = 0;
        var refused = 0;
        foreach (var (path, key) in Keys(original, string.Empty))
        {
            foreach (var replacement in Replacements)
            {
                var copy = original.DeepClone();
                Replace(copy, path, replacement?.DeepClone());
                File.WriteAllText(file, copy.ToJsonString());
                tried++;
                try
                {
                    PackMapping.Read(file, bodies);
                }
                catch (FormatException ex)
                {
                    refused++;
                    Assert.True(ex.Message.StartsWith(file, StringComparison.Ordinal), $"{path} = {replacement?.ToJsonString() ?? "null"}: {ex.Message}");
                    Assert.True(ex.Message.Contains($"'{key}'", StringComparison.Ordinal) || ex.Message.Contains(key, StringComparison.Ordinal) || ex.Message.Contains(Parent(path), StringComparison.Ordinal), $"{path} = {replacement?.ToJsonString() ?? "null"}: the message does not name the key: {ex.Message}");
                }
#pragma warning disable CA1031 // Any other exception is the failure this test looks for, reported with what caused it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Assert.Fail($"{path} = {replacement?.ToJsonString() ?? "null"}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(tried > 100 && refused > tried / 2, $"{refused} of {tried} variants refused");
    }

    [Theory]
    [InlineData("[1, 2]", "a mapping file holds one stub object or {\"mappings\": [...]}, not an array")]
    [InlineData("null", "not null")]
    [InlineData("\"stub\"", "not the text \"stub\"")]
    [InlineData("""{"mappings": null}""", "'mappings' must be an array of stubs, not null")]
    [InlineData("""{"mappings": [null]}""", "mappings[0] must be a stub object, not null")]
    [InlineData("""{"mappings": [], "request": {}}""", "next to 'mappings' no other key is allowed (found 'request')")]
    [InlineData("""{"request": null, "response": {}}""", "'request' must be an object, not null")]
    [InlineData("""{"id": 5, "request": {}, "response": {}}""", "'id' must be a text value, not the number 5")]
    [InlineData("""{"id": "nope", "request": {}, "response": {}}""", "'id' must be a UUID, not \"nope\"")]
    [InlineData("""{"priority": "high", "request": {}, "response": {}}""", "'priority' must be a whole number from 1 to 2147483647, not the text \"high\"")]
    [InlineData("""{"request": {"method": 1}, "response": {}}""", "request: 'method' must be a text value, not the number 1")]
    [InlineData("""{"request": {"urlPattern": "(("}, "response": {}}""", "request 'urlPattern': not a regular expression")]
    [InlineData("""{"request": {"queryParameters": []}, "response": {}}""", "request: 'queryParameters' must be an object, not an array")]
    [InlineData("""{"request": {"headers": {"A": {"matches": "(("}}}, "response": {}}""", "request headers.A 'matches': not a regular expression")]
    [InlineData("""{"request": {"headers": {"A": {"equalTo": "x", "caseInsensitive": "yes"}}}, "response": {}}""", "request headers.A: 'caseInsensitive' must be true or false, not the text \"yes\"")]
    [InlineData("""{"request": {"bodyPatterns": {"equalToJson": {}}}, "response": {}}""", "request: 'bodyPatterns' must be an array, not an object")]
    [InlineData("""{"request": {"bodyPatterns": [{"equalToJson": null}]}, "response": {"status": 200}}""", null)]
    [InlineData("""{"request": {}, "response": {"status": "200"}}""", "response: 'status' must be a whole number from 100 to 599, not the text \"200\"")]
    [InlineData("""{"request": {}, "response": {"status": 99999}}""", "response: 'status' must be a whole number from 100 to 599, not the number 99999")]
    [InlineData("""{"request": {}, "response": {"base64Body": "!!"}}""", "response: 'base64Body' is not valid base64")]
    [InlineData("""{"request": {}, "response": {"body": "a", "bodyFileName": "body.json"}}""", "response: give one of body, jsonBody, base64Body, bodyFileName (found body, bodyFileName)")]
    [InlineData("""{"request": {}, "response": {"headers": {"A": {"b": 1}}}}""", "response headers: 'A' must be a text value or an array of them, not an object")]
    [InlineData("""{"request": {}, "response": {"fixedDelayMilliseconds": -5}}""", "response: 'fixedDelayMilliseconds' must be a whole number from 0 to 86400000, not the number -5")]
    [InlineData("""{"request": {}, "response": {"delayDistribution": {"type": "uniform"}}}""", "response delayDistribution: 'lower' is required")]
    [InlineData("""{"request": {}, "response": {"delayDistribution": {"type": "uniform", "lower": 10, "upper": 5}}}""", "response delayDistribution: 'upper' (5) is below 'lower' (10)")]
    [InlineData("""{"request": {}, "response": {"delayDistribution": {"type": "lognormal", "median": 5}}}""", "response delayDistribution: unsupported key 'median'")]
    public void Read_MalformedShape_NamesTheFileAndTheKey(string content, string? words)
    {
        var file = Path.Combine(_folder, "mappings", "bad.json");
        File.WriteAllText(file, content);

        if (words is null)
        {
            Assert.Single(PackMapping.Read(file, Path.Combine(_folder, "__files")));
            return;
        }

        var ex = Assert.Throws<FormatException>(() => PackMapping.Read(file, Path.Combine(_folder, "__files")));

        Assert.StartsWith(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_MalformedPack_RefusesToStart_NamingTheFile()
    {
        File.WriteAllText(Path.Combine(_folder, "mappings", "bad.json"), """{"request": {"urlPath": "/x"}, "response": {"delayDistribution": {"type": "uniform", "upper": 9}}}""");

        var ex = Assert.Throws<FormatException>(() => StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, Pack = _folder }));

        Assert.Equal($"{Path.Combine(_folder, "mappings", "bad.json")} response delayDistribution: 'lower' is required", ex.Message);
    }

    [Fact]
    public void Read_InvalidUtf8_IsNamedAsSuch()
    {
        var file = Path.Combine(_folder, "mappings", "bad.json");
        File.WriteAllBytes(file, [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        var ex = Assert.Throws<FormatException>(() => PackMapping.Read(file, Path.Combine(_folder, "__files")));

        Assert.Equal($"{file}:1:3: not valid UTF-8: byte 0xFF at byte offset 2 does not form a UTF-8 character", ex.Message);
    }

    // Every member (by JSON pointer-like path) with its key; array items are keyed by their parent's name.
    private static IEnumerable<(string Path, string Key)> Keys(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    yield return ($"{path}/{name}", name);
                    if (child is not null) foreach (var inner in Keys(child, $"{path}/{name}")) yield return inner;
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return ($"{path}/{i}", Parent($"{path}/{i}"));
                    if (a[i] is { } child) foreach (var inner in Keys(child, $"{path}/{i}")) yield return inner;
                }

                break;
        }
    }

    private static string Parent(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[^2] : parts[0];
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        foreach (var part in parts[..^1]) parent = parent is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        if (parent is JsonArray array) array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[parts[^1]] = value;
    }
}
