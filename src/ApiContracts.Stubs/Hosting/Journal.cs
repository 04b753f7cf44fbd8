using System.Text.Json.Nodes;

namespace ApiContracts.Stubs.Hosting;

/// <summary>One request the stub answered.</summary>
/// <param name="Id">A running number, 1 for the first request.</param>
/// <param name="ReceivedAt">When the request arrived, by the server's clock (live state, never an artifact).</param>
/// <param name="ClientIp">The caller's address, if known.</param>
/// <param name="Method">The method.</param>
/// <param name="Url">Path and query.</param>
/// <param name="Status">The status answered.</param>
/// <param name="DurationMs">Milliseconds from receipt to answer, delays included.</param>
/// <param name="ApiId">The API that answered, if any.</param>
/// <param name="Via"><c>dataset</c> (the dynamic server) or <c>wiremock</c> (a pack or an /__admin mapping).</param>
/// <param name="RequestHeaders">The request headers.</param>
/// <param name="RequestBody">The request body (shown as text, cut at 64 KB).</param>
/// <param name="ResponseBody">The response body (shown as text, cut at 64 KB).</param>
public sealed record JournalEntry(
    long Id,
    DateTimeOffset ReceivedAt,
    System.Net.IPAddress? ClientIp,
    string Method,
    string Url,
    int Status,
    double DurationMs,
    string? ApiId,
    string Via,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[] RequestBody,
    byte[] ResponseBody)
{
    /// <summary>The <see cref="Via"/> of a request the stub engine answered on the fast path.</summary>
    public const string ViaDataset = "dataset";

    /// <summary>The <see cref="Via"/> of a request WireMock.Net answered (a pack, an override, or the catch-all mapping).</summary>
    public const string ViaWireMock = "wiremock";

    /// <summary>The entry as JSON for <c>GET /__stub/requests</c>.</summary>
    public JsonObject ToJson()
    {
        var headers = new JsonObject();
        foreach (var (name, value) in RequestHeaders.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)) headers[name] = value;
        return new JsonObject
        {
            ["id"] = Id,
            ["receivedAt"] = ReceivedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = Method,
            ["url"] = Url,
            ["status"] = Status,
            ["durationMs"] = Math.Round(DurationMs, 3),
            ["api"] = ApiId,
            ["via"] = Via,
            ["requestHeaders"] = headers,
            ["requestBody"] = Text(RequestBody),
            ["responseBody"] = Text(ResponseBody),
        };
    }

    /// <summary>The body as text, cut at 64 KB; decoded only when the journal is read, never on the request path.</summary>
    internal static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
}

/// <summary>The last <c>capacity</c> requests, oldest dropped first: bounded memory however long the server runs.</summary>
public sealed class Journal(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _entries = new();
    private long _next;

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    /// <summary>How many requests were recorded since the start or the last clear.</summary>
    public long Recorded => Interlocked.Read(ref _next);

    /// <summary>Records a request, numbering it.</summary>
    public void Add(Func<long, JournalEntry> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries.Enqueue(entry(++_next));
            while (_entries.Count > Capacity) _entries.Dequeue();
        }
    }

    /// <summary>The kept entries, newest first.</summary>
    public IReadOnlyList<JournalEntry> Newest()
    {
        lock (_gate) return _entries.Reverse().ToList();
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _next = 0;
        }
    }
}
