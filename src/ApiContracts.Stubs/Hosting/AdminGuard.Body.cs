using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

// Admin bodies: read strictly, and refused when two keys of one object differ only in case.
internal static partial class AdminGuard
{
    /// <summary>
    /// Parses an admin JSON body: strict UTF-8, no unpaired surrogates, no duplicate keys, and no two keys of one
    /// object that differ only in case. WireMock.Net (Newtonsoft) binds keys without regard to case and keeps the
    /// last, where a check reading the first would pass <c>{"BodyAsFile": null, "bodyAsFile": "/etc/passwd"}</c>;
    /// with no such pair every key means one thing to both. A 400 names what is wrong and where.
    /// </summary>
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
        var collisions = new List<string>();
        Collisions(parsed, string.Empty, collisions);
        if (collisions.Count > 0)
        {
            throw new AdminBodyException(400, "keys that differ only in case (WireMock.Net reads them as one key, so only one of them would count): " + string.Join("; ", collisions.Take(20)));
        }

        return parsed;
    }

    private static void Collisions(JsonNode? node, string at, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in obj)
                {
                    if (seen.TryGetValue(key, out var first)) found.Add($"{at}/{Pointer(first)} and {at}/{Pointer(key)}");
                    else seen[key] = key;
                    Collisions(value, $"{at}/{Pointer(key)}", found);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Collisions(array[i], $"{at}/{i}", found);
                break;
        }
    }

    // A JSON pointer token (RFC 6901), scrubbed for the message.
    private static string Pointer(string key) => TextChecks.Scrub(key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private static string? Key(JsonObject obj, string name)
    {
        foreach (var (key, _) in obj)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return key;
        }

        return null;
    }

    private static JsonNode? Get(JsonObject obj, string name) => Key(obj, name) is { } key ? obj[key] : null;

    /// <summary>The body WireMock will read: our checked (and maybe rewritten) JSON, as compact UTF-8.</summary>
    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, StubEngine.Compact);

    /// <summary>Writes <paramref name="node"/> as the answer.</summary>
    public static async Task WriteJson(HttpContext context, JsonNode node)
    {
        // Written as deep as it was read (request logs carry bodies WireMock.Net parsed up to 64 levels deep).
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StubEngine.Compact.Encoder, MaxDepth = 256 }))
        {
            node.WriteTo(writer);
        }

        var bytes = buffer.WrittenMemory;
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
