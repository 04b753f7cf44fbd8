using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Query = ApiContracts.Core.Routing.QueryString;
using ApiContracts.Fixtures.Seeding;
using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// WireMock's <c>/__admin/requests</c> with the requests the fast path answered put back in. The fast path
/// answers the dataset routes before WireMock.Net sees them, so its own log would show only the requests a
/// pack or an override answered; a WireMock user reading <c>/__admin/requests</c> expects every request.
/// </summary>
internal static class AdminRequestLog
{
    /// <summary>Whether the path is WireMock's request listing.</summary>
    public static bool Lists(string path) => path is "/__admin/requests" or "/__admin/requests/";

    /// <summary>Whether the call empties WireMock's request log, so our journal must be emptied with it.</summary>
    public static bool Clears(string method, string path) =>
        (HttpMethods.IsDelete(method) && Lists(path))
        || (HttpMethods.IsPost(method) && path is "/__admin/requests/reset" or "/__admin/reset");

    /// <summary>
    /// Lets WireMock answer the listing, then adds the journal's <c>dataset</c> entries in WireMock.Net's
    /// log-entry shape, oldest first as WireMock lists them, keeping the newest <c>journal.Capacity</c>.
    /// </summary>
    public static async Task ListWithDatasetRequests(HttpContext context, Func<Task> next, Journal journal, string baseUrl, Guid mappingGuid, string mappingTitle)
    {
        var answered = await ResponseCapture.Run(context, next);
        var logged = context.Response.StatusCode == StatusCodes.Status200OK ? ParseArray(answered) : null;
        if (logged is null)
        {
            // Not the listing we know: pass WireMock's answer on untouched.
            await context.Response.Body.WriteAsync(answered, context.RequestAborted);
            return;
        }

        // WireMock's entries keep their order among themselves; ours follow them at equal times.
        var merged = logged.Select((e, i) => (At: LoggedAt(e), Order: (long)i, Entry: e!)).ToList();
        logged.Clear();
        var after = merged.Count;
        merged.AddRange(journal.Newest().Where(e => e.Via == JournalEntry.ViaDataset)
            .Select(e => (e.ReceivedAt, after + e.Id, (JsonNode)ToLogEntry(e, baseUrl, mappingGuid, mappingTitle))));

        var list = new JsonArray();
        foreach (var (_, _, entry) in merged.OrderBy(m => m.At).ThenBy(m => m.Order).TakeLast(journal.Capacity)) list.Add(entry);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(list);
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static JsonArray? ParseArray(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonArray;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset LoggedAt(JsonNode? entry) =>
        entry?["Request"]?["DateTime"] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.MinValue;

    private static JsonObject ToLogEntry(JournalEntry entry, string baseUrl, Guid mappingGuid, string mappingTitle)
    {
        var at = entry.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var question = entry.Url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? entry.Url : entry.Url[..question];
        var query = new JsonObject();
        foreach (var group in Query.Parse(question < 0 ? null : entry.Url[(question + 1)..]).GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            query[group.Key] = new JsonArray(group.Select(p => (JsonNode?)JsonValue.Create(p.Value)).ToArray());
        }

        var headers = new JsonObject();
        foreach (var (name, value) in entry.RequestHeaders.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)) headers[name] = new JsonArray(value);
        return new JsonObject
        {
            ["Guid"] = EntryGuid(entry).ToString(),
            ["Request"] = new JsonObject
            {
                ["ClientIP"] = entry.ClientIp?.ToString(),
                ["DateTime"] = at,
                ["Path"] = path,
                ["AbsolutePath"] = path,
                ["Url"] = baseUrl + entry.Url,
                ["AbsoluteUrl"] = baseUrl + entry.Url,
                ["Query"] = query,
                ["Method"] = entry.Method,
                ["Headers"] = headers,
                ["Body"] = JournalEntry.Text(entry.RequestBody),
                ["DetectedBodyType"] = entry.RequestBody.Length == 0 ? "None" : "String",
            },
            ["Response"] = new JsonObject
            {
                ["StatusCode"] = entry.Status,
                ["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray(StubResponse.JsonContentType) },
                ["Body"] = JournalEntry.Text(entry.ResponseBody),
                ["DetectedBodyType"] = "String",
                ["DateTime"] = at,
            },
            ["MappingGuid"] = mappingGuid.ToString(),
            ["MappingTitle"] = mappingTitle,
        };
    }

    // Stable for one entry, distinct across entries and across journal clears (the time is part of it).
    private static Guid EntryGuid(JournalEntry entry)
    {
        var ticks = entry.ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var id = entry.Id.ToString(CultureInfo.InvariantCulture);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Seed.Hash("journal", id, ticks));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], Seed.Hash("journal-low", id, ticks));
        return new Guid(bytes);
    }
}
