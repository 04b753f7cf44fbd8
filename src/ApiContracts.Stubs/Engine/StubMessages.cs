using System.Text;

namespace ApiContracts.Stubs.Engine;

/// <summary>A request as the stub engine sees it, independent of the HTTP host.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path, percent-decoded.</param>
/// <param name="RawQuery">The query string as received, without the leading <c>?</c>.</param>
/// <param name="Headers">The headers, names case-insensitive, repeated values joined with a comma.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="BaseUrl">Scheme and authority the request came to (for next links).</param>
public sealed record StubRequest(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string BaseUrl)
{
    private IReadOnlyList<KeyValuePair<string, string>>? _query;

    /// <summary>The query parameters in order, repeated names kept (parsed on first use).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query ??= ApiContracts.Core.Routing.QueryString.Parse(RawQuery);

    /// <summary>The header value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The query as text, in order, for keys and journals.</summary>
    public string QueryText() => string.Join('&', Query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
}

/// <summary>What the stub answers.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body bytes (UTF-8 JSON).</param>
/// <param name="ApiId">The API that answered, when one did.</param>
public sealed record StubResponse(int Status, byte[] Body, string? ApiId)
{
    /// <summary>The content type of every stub answer.</summary>
    public const string JsonContentType = "application/json;charset=utf-8";

    /// <summary>The response header naming what the stub let through that the document asks for.</summary>
    public const string WarningHeader = "X-Stub-Warning";

    /// <summary>What the stub let through that the document asks for (e.g. <c>missing documented header Content-Type</c>); sent as <see cref="WarningHeader"/> and noted in the journal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The body as text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);
}
