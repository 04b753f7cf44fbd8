using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiContracts.Stubs.Packs;

/// <summary>
/// A response body (and header values) rendered per request by WireMock's <c>response-template</c>
/// transformer, limited to what stub packs use: <c>{{request.baseUrl}}</c>, the scheme and authority the
/// request came to (<c>http://127.0.0.1:8080</c>), as WireMock (Java) 3.x renders it. Any other template
/// expression is refused when the pack loads, naming the file, so a pack never answers with a half-rendered
/// body; no template helper runs, so nothing a pack holds can read files or the environment.
/// </summary>
public sealed partial class ResponseTemplate
{
    /// <summary>The transformer name, as a stub's <c>response.transformers</c> lists it.</summary>
    public const string Transformer = "response-template";

    /// <summary>The one expression supported: the request's base URL.</summary>
    public const string BaseUrl = "{{request.baseUrl}}";

    private readonly string[] _body;
    private readonly Dictionary<string, string[]> _headers;

    private ResponseTemplate(string[] body, Dictionary<string, string[]> headers)
    {
        _body = body;
        _headers = headers;
    }

    /// <summary>
    /// The template of a stub's <paramref name="response"/> (whose body is <paramref name="body"/>), or null when
    /// it names no transformer.
    /// </summary>
    /// <exception cref="FormatException">For another transformer, a malformed list, a body that is not UTF-8 text, or an unsupported expression; naming <paramref name="where"/>.</exception>
    public static ResponseTemplate? Read(JsonObject response, byte[] body, string where)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);
        if (!response.TryGetPropertyValue("transformers", out var node)) return null;
        var names = node is JsonArray list && list.All(n => n is JsonValue v && v.TryGetValue<string>(out _))
            ? list.Select(n => n!.GetValue<string>()).ToList()
            : throw new FormatException($"{where}: 'transformers' must be an array of names, such as [\"{Transformer}\"]");
        if (names.FirstOrDefault(n => n != Transformer) is { } other)
        {
            throw new FormatException($"{where}: unsupported transformer '{other}' (supported: {Transformer})");
        }

        if (names.Count == 0) return null;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{where}: a templated body must be UTF-8 text");
        }

        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (response["headers"] is JsonObject given)
        {
            foreach (var (name, value) in given)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var one)) headers[name] = Split(one, $"{where} header '{name}'");
                else if (value is JsonArray a) headers[name] = Split(string.Join(", ", a.Select(x => x?.ToString())), $"{where} header '{name}'");
            }
        }

        return new ResponseTemplate(Split(text, $"{where} body"), headers);
    }

    /// <summary>The body rendered for a request that came to <paramref name="baseUrl"/>.</summary>
    public byte[] Body(string baseUrl) => Encoding.UTF8.GetBytes(string.Join(baseUrl, _body));

    /// <summary>The response headers rendered for a request that came to <paramref name="baseUrl"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers(string baseUrl) =>
        _headers.ToDictionary(h => h.Key, h => string.Join(baseUrl, h.Value), StringComparer.OrdinalIgnoreCase);

    // The text around each {{request.baseUrl}}; anything else in double braces is an error.
    private static string[] Split(string text, string where)
    {
        var parts = Expression().Split(text);
        foreach (var part in parts)
        {
            var open = part.IndexOf("{{", StringComparison.Ordinal);
            var close = part.IndexOf("}}", StringComparison.Ordinal);
            if (open < 0 && close < 0) continue;
            var start = open < 0 ? 0 : open;
            var shown = part.Substring(start, Math.Min(40, part.Length - start));
            throw new FormatException($"{where}: template expression '{shown}' is not supported (supported: {BaseUrl}); render the pack with WireMock (Java) or remove it");
        }

        return parts;
    }

    // Triple braces (no HTML escaping) render the same: a base URL holds nothing Handlebars escapes.
    [GeneratedRegex(@"\{\{\{\s*request\.baseUrl\s*\}\}\}|\{\{\s*request\.baseUrl\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Expression();
}
