using System.Globalization;
using System.Net;
using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The request as WireMock.Net will read it. Kestrel decodes the path once; WireMock.Net rebuilds the URL
/// from it (<c>GetEncodedUrl</c>, <c>new Uri</c>) and decodes the path a second time
/// (<c>WebUtility.UrlDecode</c>), so <c>/%255F_admin</c> is <c>/%5F_admin</c> to us and <c>/__admin</c> to
/// WireMock. Every routing decision (admin or not, which admin route) is made on one string: a request whose
/// two readings differ, or whose once-decoded path still holds a <c>%</c>, is refused before any route runs.
/// </summary>
internal sealed class RequestView
{
    private RequestView(string path, IReadOnlyList<string> queryKeys)
    {
        Path = path;
        QueryKeys = queryKeys;
    }

    /// <summary>The path, the same to us and to WireMock.Net.</summary>
    public string Path { get; }

    /// <summary>The query's parameter names as WireMock.Net's parser sees them (split at <c>&amp;</c> and <c>;</c>), each decoded once more, for checks that must not be fooled by an encoding.</summary>
    public IReadOnlyList<string> QueryKeys { get; }

    /// <summary>
    /// The view of <paramref name="request"/>, or why it is refused: the path still holds a <c>%</c> after
    /// Kestrel's decoding (an encoded <c>%</c>, <c>%25</c>, in the URL), or WireMock.Net would read another path.
    /// Call it after <see cref="HostHeader.Check"/>: the URL is rebuilt with the Host.
    /// </summary>
    public static (RequestView? View, string? Problem) Of(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.Contains('%', StringComparison.Ordinal))
        {
            return (null, "the path still holds a '%' once decoded (from %25, or an encoded '/', %2F): refused, since WireMock.Net would decode it a second time and read another path");
        }

        if (!Uri.TryCreate(request.GetEncodedUrl(), UriKind.Absolute, out var url))
        {
            return (null, "the request's URL cannot be read (Host and path do not form a URL)");
        }

        // WireMock.Net's own reading (RequestMessage: WebUtility.UrlDecode(uri.AbsolutePath)).
        var theirs = WebUtility.UrlDecode(url.AbsolutePath);
        if (!string.Equals(theirs, path, StringComparison.Ordinal))
        {
            return (null, path.Contains('+', StringComparison.Ordinal)
                ? "the path holds a '+', which WireMock.Net reads as a space (whether sent as '+' or %2B): refused, so that every part of the stub reads one path"
                : $"the path reads differently once decoded again ('{TextChecks.Shown(theirs, 120)}'), as WireMock.Net would: refused, so that every part of the stub reads one path");
        }

        return (new RequestView(path, QueryKeysOf(url.Query)), null);
    }

    // WireMock.Net splits the query at '&' and ';' (QueryParameterMultipleValueSupport) and keys it by the text
    // before '='; decoding each name once more costs nothing and catches '%' tricks whatever that setting is.
    private static string[] QueryKeysOf(string query)
    {
        if (query.Length <= 1) return [];
        return query.TrimStart('?')
            .Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)[0])
            .Where(k => k.Length > 0)
            .SelectMany(k => new[] { k, WebUtility.UrlDecode(k) })
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}

/// <summary>
/// The <c>Host</c> header checked before anything reads it: WireMock.Net builds a <see cref="Uri"/> from it,
/// which fails (a 500 from inside WireMock.Net) for an empty name or a port out of range.
/// </summary>
internal static class HostHeader
{
    /// <summary>
    /// Null when the Host is usable. An HTTP/1.0 request without one (allowed there) is given the bound
    /// address, as if it had named it; an empty Host, a port that is not 1..65535, or a name no URL can hold
    /// is a problem, answered 400.
    /// </summary>
    public static string? Check(HttpRequest request, string boundAuthority)
    {
        if (!request.Headers.ContainsKey("Host") && !request.Host.HasValue && HttpProtocol.IsHttp10(request.Protocol))
        {
            request.Host = new HostString(boundAuthority);
            return null;
        }

        var host = request.Host;
        if (!host.HasValue || host.Host.Length == 0) return "the Host header is empty; name the server (e.g. Host: 127.0.0.1:8080)";
        var value = host.Value;
        var colon = value.LastIndexOf(':');
        var bracket = value.LastIndexOf(']');
        if (colon > bracket)
        {
            var port = value[(colon + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                return $"the Host header's port '{TextChecks.Shown(port, 80)}' is not a port (1..65535)";
            }
        }

        return Uri.TryCreate($"http://{value}/", UriKind.Absolute, out _) ? null : $"the Host header '{TextChecks.Shown(value, 80)}' is not a host name or address";
    }
}
