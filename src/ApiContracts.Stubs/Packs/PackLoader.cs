using System.Text;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace ApiContracts.Stubs.Packs;

/// <summary>
/// Loads WireMock (Java) stub packs into WireMock.Net with the semantics WireMock gives them:
/// priorities, <c>contains</c>, <c>absent</c>, delays, <c>__files</c> bodies (WireMock.Net's own
/// Java-format loader drops or misreads these), and response templates limited to the base URL
/// (<see cref="ResponseTemplate"/>; WireMock.Net's Handlebars model has no <c>request.baseUrl</c>).
/// </summary>
public static class PackLoader
{
    /// <summary>Loads every <c>mappings/*.json</c> of the pack in <paramref name="folder"/>; returns how many stubs.</summary>
    /// <exception cref="FormatException">Naming the file and what is unsupported or malformed; nothing is loaded then.</exception>
    public static int Load(WireMockServer server, string folder)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(folder);
        var files = Path.Combine(folder, "__files");
        var mappings = Directory.GetFiles(Path.Combine(folder, "mappings"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => PackMapping.Read(file, files))
            .ToList();
        foreach (var mapping in mappings) Add(server, mapping);
        return mappings.Count;
    }

    private static void Add(WireMockServer server, PackMapping m)
    {
        var request = m.Method == "ANY" ? Request.Create().UsingAnyMethod() : Request.Create().UsingMethod(m.Method);
        request = m.UrlKind is "url" or "urlPattern" ? request.WithUrl(UrlMatcher(m)) : request.WithPath(UrlMatcher(m));
        if (m.Query.Count > 0)
        {
            request = request.WithParam(query => m.Query.All(q => q.Value.Matches(Single(query, q.Key))));
        }

        if (m.Headers.Count > 0)
        {
            request = request.WithHeader(headers => m.Headers.All(h => h.Value.Matches(Header(headers, h.Key))));
        }

        if (m.Body.Count > 0)
        {
            request = request.WithBody((IBodyData? body) => m.Body.All(b => b.Matches(Text(body))));
        }

        var response = Response.Create().WithStatusCode(m.Status);
        if (m.Template is { } template)
        {
            // Status and delay stay on the builder; body and headers are rendered for each request.
            response = response.WithCallback(message =>
            {
                var baseUrl = new Uri(message.AbsoluteUrl).GetLeftPart(UriPartial.Authority);
                return new ResponseMessage
                {
                    Headers = template.Headers(baseUrl).ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value)),
                    BodyData = new BodyData { BodyAsBytes = template.Body(baseUrl), DetectedBodyType = BodyType.Bytes },
                };
            });
        }
        else
        {
            response = response.WithBody(m.ResponseBody);
            if (m.ResponseHeaders.Count > 0) response = response.WithHeaders(m.ResponseHeaders.ToDictionary(h => h.Key, h => new[] { h.Value }));
        }

        if (m.DelayMax > 0) response = m.DelayMin == m.DelayMax ? response.WithDelay(m.DelayMin) : response.WithRandomDelay(m.DelayMin, m.DelayMax);
        var given = server.Given(request).AtPriority(m.Priority).WithTitle(m.Name);
        if (m.Id is { } id) given = given.WithGuid(id);
        given.RespondWith(response);
    }

    // url and urlPattern match the path with its query string, urlPath and urlPathPattern the path alone (WireMock's rule).
    private static Func<string, bool> UrlMatcher(PackMapping m)
    {
        var full = m.UrlKind is "url" or "urlPattern";
        if (m.UrlKind is "url" or "urlPath")
        {
            return value => string.Equals(full ? PathAndQuery(value) : value, m.Url, StringComparison.Ordinal);
        }

        var regex = StringCondition.WholeValue(m.Url, ignoreCase: false);
        return value => regex.IsMatch(full ? PathAndQuery(value) : value);
    }

    private static string PathAndQuery(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    private static string? Single(IDictionary<string, WireMockList<string>>? query, string name) =>
        query is not null && query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string? Header(IDictionary<string, string[]>? headers, string name)
    {
        if (headers is null) return null;
        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return string.Join(", ", values);
        }

        return null;
    }

    private static string? Text(IBodyData? body) =>
        body?.BodyAsString ?? (body?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
}
