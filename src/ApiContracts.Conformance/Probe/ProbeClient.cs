using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Conformance.Probe;

/// <summary>A request as the probe sent it; credential values are kept out of it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The full URL.</param>
/// <param name="Headers">The headers sent, credentials shown as <c>[redacted]</c>.</param>
/// <param name="Body">The body, when one was sent.</param>
public sealed record ProbeRequest(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} {Url}{(Body is null ? string.Empty : " " + Body)}";
}

/// <summary>One request and its answer.</summary>
/// <param name="Request">What was sent.</param>
/// <param name="Status">The HTTP status; 0 when no answer came.</param>
/// <param name="Text">The body as text (empty when none).</param>
/// <param name="Json">The body as JSON, or null when it is not JSON.</param>
/// <param name="Error">Why no answer came (connection refused, timeout), or null.</param>
public sealed record Exchange(ProbeRequest Request, int Status, string Text, JsonNode? Json, string? Error)
{
    /// <summary>The answer in one line: the status and the start of the body.</summary>
    public string Excerpt(int length = 400)
    {
        if (Error is not null) return $"no answer: {Error}";
        var text = Text.ReplaceLineEndings(" ");
        return $"{Status} {(text.Length <= length ? text : text[..length] + $"... ({Text.Length} characters)")}";
    }
}

/// <summary>Thrown when a check needs a request the budget no longer allows; the check is then skipped.</summary>
public sealed class BudgetSpentException(int budget) : Exception($"the request budget (--max-requests {budget}) is spent")
{
}

/// <summary>Sends the probe's requests to one provider, counting them against the budget.</summary>
public sealed class ProbeClient : IDisposable
{
    private const int MaxBody = 32 * 1024 * 1024;
    private readonly HttpClient _http;
    private readonly HashSet<string> _secret;

    /// <summary>A client for <paramref name="baseUrl"/> allowed <paramref name="maxRequests"/> requests.</summary>
    public ProbeClient(Uri baseUrl, int maxRequests, TimeSpan timeout, IEnumerable<string> secretHeaders)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        MaxRequests = maxRequests;
        _secret = new HashSet<string>(secretHeaders, StringComparer.OrdinalIgnoreCase);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = timeout };
    }

    /// <summary>The base URL, ending with '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The budget.</summary>
    public int MaxRequests { get; }

    /// <summary>How many requests were sent.</summary>
    public int Sent { get; private set; }

    /// <summary>How many requests the budget still allows.</summary>
    public int Remaining => MaxRequests - Sent;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="pathAndQuery"/> (relative to the base URL) with the headers;
    /// a Content-Type among them goes with the (possibly empty) body. A transport failure is an exchange with status 0.
    /// </summary>
    /// <exception cref="BudgetSpentException">When the budget is spent; nothing is sent.</exception>
    public Exchange Send(string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(headers);
        if (Sent >= MaxRequests) throw new BudgetSpentException(MaxRequests);
        Sent++;
        var url = new Uri(BaseUrl, pathAndQuery.TrimStart('/'));
        var sent = new List<KeyValuePair<string, string>>();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        string? contentType = null;
        foreach (var (name, value) in headers)
        {
            sent.Add(new(name, _secret.Contains(name) ? "[redacted]" : value));
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null || contentType is not null)
        {
            request.Content = new ByteArrayContent(body is null ? [] : Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var probeRequest = new ProbeRequest(method, url, sent, body);
        try
        {
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            using var stream = response.Content.ReadAsStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = Read(reader);
            return new Exchange(probeRequest, (int)response.StatusCode, text, Parse(text), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            var why = ex is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0.#} s" : ex.Message;
            return new Exchange(probeRequest, 0, string.Empty, null, why);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // The body up to MaxBody characters: a provider answering without end cannot exhaust memory.
    private static string Read(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[64 * 1024];
        int read;
        while (text.Length < MaxBody && (read = reader.Read(buffer, 0, buffer.Length)) > 0) text.Append(buffer, 0, Math.Min(read, MaxBody - text.Length));
        return text.ToString();
    }

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
