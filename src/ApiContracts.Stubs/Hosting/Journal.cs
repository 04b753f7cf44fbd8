using System.Globalization;
using System.Text;
using System.Text.Json;

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
/// <param name="RequestHeaders">The request headers, credentials redacted (see <see cref="JournalEntry.Redacted"/>).</param>
/// <param name="RequestBody">The request body, at most <see cref="JournalEntry.MaxBodyBytes"/> bytes of it.</param>
/// <param name="ResponseBody">The response body, at most <see cref="JournalEntry.MaxBodyBytes"/> bytes of it.</param>
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
    JournalBody RequestBody,
    JournalBody ResponseBody)
{
    /// <summary>The <see cref="Via"/> of a request the stub engine answered on the fast path.</summary>
    public const string ViaDataset = "dataset";

    /// <summary>The <see cref="Via"/> of a request WireMock.Net answered (a pack, an override, or the catch-all mapping).</summary>
    public const string ViaWireMock = "wiremock";

    /// <summary>The most bytes of a body the journal keeps; the rest is dropped and the cut is marked.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>What a credential header's value is replaced with.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>What the stub noticed about the request besides its answer (a regex matcher that timed out, a body that could not be read).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    // The credential headers of the definitions served in this process (a user's own may name any header).
    private static System.Collections.Immutable.ImmutableHashSet<string> s_definedCredentials = System.Collections.Immutable.ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a header carries a credential, so the journal shows only that it was sent.</summary>
    public static bool IsCredential(string header) =>
        header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("X-Auth-Token", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
        || header.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase)
        || s_definedCredentials.Contains(header);

    /// <summary>Counts the credential headers the served definitions name as credentials too (process-wide: more servers only add names).</summary>
    internal static void AlsoCredentials(IEnumerable<string> headers) =>
        System.Collections.Immutable.ImmutableInterlocked.Update(ref s_definedCredentials, (set, added) => set.Union(added), headers.ToArray());

    /// <summary>Writes the entry as the JSON object <c>GET /__stub/requests</c> lists.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("id", Id);
        writer.WriteString("receivedAt", ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("method", Method);
        writer.WriteString("url", Url);
        writer.WriteNumber("status", Status);
        writer.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        if (ApiId is null) writer.WriteNull("api");
        else writer.WriteString("api", ApiId);
        writer.WriteString("via", Via);
        writer.WriteStartObject("requestHeaders");
        foreach (var (name, value) in RequestHeaders.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)) writer.WriteString(name, value);
        writer.WriteEndObject();
        writer.WriteString("requestBody", RequestBody.Text());
        writer.WriteNumber("requestBodyBytes", RequestBody.Length);
        writer.WriteBoolean("requestBodyTruncated", RequestBody.Truncated);
        writer.WriteString("responseBody", ResponseBody.Text());
        writer.WriteNumber("responseBodyBytes", ResponseBody.Length);
        writer.WriteBoolean("responseBodyTruncated", ResponseBody.Truncated);
        writer.WriteStartArray("notes");
        foreach (var note in Notes) writer.WriteStringValue(note);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>The first <see cref="JournalEntry.MaxBodyBytes"/> bytes of a body and its full length.</summary>
/// <param name="Kept">The bytes kept.</param>
/// <param name="Length">The body's full length.</param>
public sealed record JournalBody(byte[] Kept, long Length)
{
    /// <summary>No body.</summary>
    public static JournalBody Empty { get; } = new([], 0);

    /// <summary>Whether bytes were dropped.</summary>
    public bool Truncated => Length > Kept.Length;

    /// <summary>
    /// Keeps at most <see cref="JournalEntry.MaxBodyBytes"/> of <paramref name="body"/>. A short body is kept by
    /// reference (the fast path's answers are cached arrays, so this copies nothing).
    /// </summary>
    public static JournalBody Of(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0) return Empty;
        return body.Length <= JournalEntry.MaxBodyBytes ? new JournalBody(body, body.Length) : new JournalBody(body[..JournalEntry.MaxBodyBytes], body.Length);
    }

    /// <summary>The kept bytes as text (invalid UTF-8 shown as U+FFFD), with a mark when the body was cut.</summary>
    public string Text()
    {
        var text = Encoding.UTF8.GetString(Kept);
        return Truncated ? text + string.Create(CultureInfo.InvariantCulture, $"…[truncated: {Length} bytes, {Kept.Length} kept]") : text;
    }
}

/// <summary>The last <c>capacity</c> requests, oldest dropped first: bounded memory however long the server runs.</summary>
public sealed class Journal
{
    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _entries = new();
    private long _next;
    private int _capacity;

    /// <summary>A journal keeping the last <paramref name="capacity"/> requests.</summary>
    public Journal(int capacity)
    {
        Capacity = capacity;
    }

    /// <summary>The most entries kept, 1..<see cref="StubServerOptions.MaxJournalSize"/>; lowering it drops the oldest.</summary>
    public int Capacity
    {
        get => Volatile.Read(ref _capacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, StubServerOptions.MaxJournalSize);
            lock (_gate)
            {
                _capacity = value;
                while (_entries.Count > value) _entries.Dequeue();
            }
        }
    }

    /// <summary>How many requests were recorded since the start or the last clear.</summary>
    public long Recorded => Interlocked.Read(ref _next);

    /// <summary>Records a request, numbering it.</summary>
    public void Add(Func<long, JournalEntry> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries.Enqueue(entry(++_next));
            while (_entries.Count > _capacity) _entries.Dequeue();
        }
    }

    /// <summary>The kept entries, newest first (a copy of the references: the entries themselves are immutable).</summary>
    public IReadOnlyList<JournalEntry> Newest()
    {
        JournalEntry[] copy;
        lock (_gate) copy = _entries.ToArray();
        Array.Reverse(copy);
        return copy;
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
