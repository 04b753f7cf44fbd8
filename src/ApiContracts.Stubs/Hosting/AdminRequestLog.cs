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
/// Credentials are redacted in every request-log answer, and the listing is written entry by entry.
/// </summary>
internal static class AdminRequestLog
{
    // Each listing holds WireMock's whole answer while it merges; two at a time bound that memory.
    private static readonly SemaphoreSlim Listings = new(2, 2);

    /// <summary>Whether the path is WireMock's request listing.</summary>
    public static bool Lists(string path) => path is "/__admin/requests" or "/__admin/requests/";

    /// <summary>Whether the call empties WireMock's request log, so our journal must be emptied with it.</summary>
    public static bool Clears(string method, string path) =>
        (HttpMethods.IsDelete(method) && Lists(path))
        || (HttpMethods.IsPost(method) && path is "/__admin/requests/reset" or "/__admin/reset");

    // WireMock.Net logs JSON bodies as it parsed them (Newtonsoft, up to 64 levels) inside a few levels of its own;
    // the redaction must read at least that deep, and an answer it cannot read is never passed on.
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 256 };

    /// <summary>Lets WireMock answer a request-log call, then passes its answer on with credentials redacted.</summary>
    public static async Task Redacted(HttpContext context, Func<Task> next)
    {
        await Listings.WaitAsync(context.RequestAborted);
        try
        {
            var answered = await ResponseCapture.Run(context, next);
            if (await ReplacedFailure(context, hadBody: context.Request.ContentLength > 0)) return;
            var parsed = answered.Length == 0 ? null : Parse(answered);
            if (parsed is null && answered.Length > 0)
            {
                await Unredactable(context);
                return;
            }

            if (parsed is not null && AdminGuard.Redact(parsed))
            {
                await AdminGuard.WriteJson(context, parsed);
                return;
            }

            context.Response.ContentLength = answered.Length;
            await context.Response.Body.WriteAsync(answered, context.RequestAborted);
        }
        finally
        {
            Listings.Release();
        }
    }

    // Fails closed: an answer the redaction cannot read may hold credentials.
    private static async Task Unredactable(HttpContext context)
    {
        var answer = StubEngine.StubError(500, "STUB.InternalError", "WireMock.Net's request log could not be read to redact its credentials, so it is not shown (see SECURITY.md)");
        context.Response.Clear();
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>
    /// Lets WireMock answer the listing, then adds the journal's <c>dataset</c> entries in WireMock.Net's
    /// log-entry shape, oldest first as WireMock lists them, keeping the newest <c>journal.Capacity</c>.
    /// </summary>
    public static async Task ListWithDatasetRequests(HttpContext context, Func<Task> next, Journal journal, string baseUrl, Guid mappingGuid, string mappingTitle)
    {
        await Listings.WaitAsync(context.RequestAborted);
        try
        {
            var answered = await ResponseCapture.Run(context, next);
            if (await ReplacedFailure(context, hadBody: false)) return;
            using var logged = context.Response.StatusCode == StatusCodes.Status200OK ? ParseDocument(answered) : null;
            if (logged is null || logged.RootElement.ValueKind != JsonValueKind.Array)
            {
                // Not the listing we know: never passed on unredacted.
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    await Unredactable(context);
                    return;
                }

                context.Response.ContentLength = answered.Length;
                await context.Response.Body.WriteAsync(answered, context.RequestAborted);
                return;
            }

            // WireMock's entries keep their order among themselves; ours follow them at equal times.
            var merged = new List<(DateTimeOffset At, long Order, JsonElement? Theirs, JournalEntry? Ours)>();
            var order = 0L;
            foreach (var entry in logged.RootElement.EnumerateArray()) merged.Add((LoggedAt(entry), order++, entry, null));
            foreach (var entry in journal.Newest())
            {
                if (entry.Via == JournalEntry.ViaDataset) merged.Add((entry.ReceivedAt, order + entry.Id, null, entry));
            }

            context.Response.ContentType = StubResponse.JsonContentType;
            context.Response.ContentLength = null;
            await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = StubEngine.Compact.Encoder });
            writer.WriteStartArray();
            foreach (var (_, _, theirs, ours) in merged.OrderBy(m => m.At).ThenBy(m => m.Order).TakeLast(journal.Capacity))
            {
                if (ours is not null)
                {
                    WriteLogEntry(writer, ours, baseUrl, mappingGuid, mappingTitle);
                }
                else
                {
                    var node = JsonNode.Parse(theirs!.Value.GetRawText(), documentOptions: Deep);
                    AdminGuard.Redact(node);
                    node!.WriteTo(writer);
                }

                if (writer.BytesPending > 32 * 1024) await writer.FlushAsync(context.RequestAborted);
            }

            writer.WriteEndArray();
            await writer.FlushAsync(context.RequestAborted);
        }
        finally
        {
            Listings.Release();
        }
    }

    /// <summary>
    /// When WireMock answered a captured admin call with a 5xx (its answer then holds an exception's text),
    /// writes the stub's own plain error instead and returns true: a 400 when the call had a body (WireMock could
    /// not apply it), else a 500. The body's details are not shown.
    /// </summary>
    public static async Task<bool> ReplacedFailure(HttpContext context, bool hadBody)
    {
        if (context.Response.StatusCode < 500) return false;
        var answer = hadBody
            ? StubEngine.StubError(400, "STUB.BadRequest", "WireMock.Net could not apply this body; check it against WireMock.Net's admin API (the details are not shown, see SECURITY.md)")
            : StubEngine.StubError(500, "STUB.InternalError", "WireMock.Net failed to answer; the details are not shown (see SECURITY.md)");
        context.Response.Clear();
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        return true;
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: Deep);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument? ParseDocument(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, Deep);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset LoggedAt(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object
            && entry.TryGetProperty("Request", out var request) && request.ValueKind == JsonValueKind.Object
            && request.TryGetProperty("DateTime", out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.MinValue;

    private static void WriteLogEntry(Utf8JsonWriter writer, JournalEntry entry, string baseUrl, Guid mappingGuid, string mappingTitle)
    {
        var at = entry.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var question = entry.Url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? entry.Url : entry.Url[..question];
        writer.WriteStartObject();
        writer.WriteString("Guid", EntryGuid(entry).ToString());
        writer.WriteStartObject("Request");
        if (entry.ClientIp is null) writer.WriteNull("ClientIP");
        else writer.WriteString("ClientIP", entry.ClientIp.ToString());
        writer.WriteString("DateTime", at);
        writer.WriteString("Path", path);
        writer.WriteString("AbsolutePath", path);
        writer.WriteString("Url", baseUrl + entry.Url);
        writer.WriteString("AbsoluteUrl", baseUrl + entry.Url);
        writer.WriteStartObject("Query");
        foreach (var group in Query.Parse(question < 0 ? null : entry.Url[(question + 1)..]).GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartArray(TextChecks.Scrub(group.Key));
            foreach (var (_, value) in group) writer.WriteStringValue(TextChecks.Scrub(value));
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteString("Method", entry.Method);
        writer.WriteStartObject("Headers");
        foreach (var (name, value) in entry.RequestHeaders.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            writer.WriteStartArray(name);
            writer.WriteStringValue(value);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteString("Body", entry.RequestBody.Text());
        writer.WriteString("DetectedBodyType", entry.RequestBody.Length == 0 ? "None" : "String");
        writer.WriteEndObject();
        writer.WriteStartObject("Response");
        writer.WriteNumber("StatusCode", entry.Status);
        writer.WriteStartObject("Headers");
        writer.WriteStartArray("Content-Type");
        writer.WriteStringValue(StubResponse.JsonContentType);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("Body", entry.ResponseBody.Text());
        writer.WriteString("DetectedBodyType", "String");
        writer.WriteString("DateTime", at);
        writer.WriteEndObject();
        writer.WriteString("MappingGuid", mappingGuid.ToString());
        writer.WriteString("MappingTitle", mappingTitle);
        writer.WriteEndObject();
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
