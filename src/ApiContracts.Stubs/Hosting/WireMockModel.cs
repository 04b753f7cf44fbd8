using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock.Admin.Mappings;
using WireMock.Matchers;
using WireMock.Types;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// An admin body read as WireMock.Net reads it (Newtonsoft.Json into WireMock.Net's own admin models), and
/// checked in that form: what is checked is what WireMock registers, whatever the spelling of the JSON. A value
/// of a type WireMock cannot take, which WireMock would answer with a 500 and an exception's text, is a 400
/// naming the place here.
/// </summary>
internal static class WireMockModel
{
    private static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    /// <summary>The matchers a mapping may use: with the stub's time limit, or of linear cost in the request.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        TimedMatchers.RegexName, TimedMatchers.WildcardName, "ExactMatcher", "ExactObjectMatcher", "NotNullOrEmptyMatcher",
        "JsonMatcher", "JsonPartialMatcher", "SystemTextJsonMatcher", "SystemTextJsonPartialMatcher", "JsonPathMatcher",
    };

    // Matchers that compare text (a string pattern or a list of them).
    private static readonly HashSet<string> Textual = new(StringComparer.Ordinal)
    {
        TimedMatchers.RegexName, TimedMatchers.WildcardName, "ExactMatcher", "NotNullOrEmptyMatcher", "JsonPathMatcher",
    };

    /// <summary>Reads <paramref name="json"/> as WireMock.Net's <typeparamref name="T"/>; a value of the wrong type is a 400 naming its JSON pointer.</summary>
    /// <exception cref="AdminBodyException">When WireMock.Net could not read the body.</exception>
    public static T Read<T>(byte[] json, string what)
    {
        try
        {
            return JsonConvert.DeserializeObject<T>(Encoding.UTF8.GetString(json), Settings) ?? throw new AdminBodyException(400, $"{what} refused: the body is empty");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new AdminBodyException(400, $"{what} refused: {Where(ex)}: the value does not have the form WireMock.Net's admin API takes there (see WireMock.Net's mapping format)");
        }
    }

    // Newtonsoft's path ("[0].Request.Headers['X-Y']") as a JSON pointer ("/0/Request/Headers/X-Y").
    private static string Where(Exception ex)
    {
        var path = ex switch
        {
            JsonSerializationException s => s.Path,
            JsonReaderException r => r.Path,
            _ => null,
        };
        if (string.IsNullOrEmpty(path)) return "the body";
        var pointer = new StringBuilder();
        foreach (Match part in Regex.Matches(path, @"\['((?:[^']|'')*)'\]|\[(\d+)\]|([^.\[\]]+)", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            var token = part.Groups[1].Success ? part.Groups[1].Value : part.Groups[2].Success ? part.Groups[2].Value : part.Groups[3].Value;
            pointer.Append('/').Append(Engine.TextChecks.Scrub(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        }

        return pointer.Length == 0 ? "the body" : pointer.ToString();
    }

    /// <summary>Checks one mapping as WireMock.Net will register it; problems are added with their JSON pointers.</summary>
    public static void CheckMapping(MappingModel mapping, string at, MappingRules rules, List<string> problems)
    {
        if (mapping.Priority < 0) problems.Add($"{at}/Priority {mapping.Priority}: must be 0 or more (negative priorities are WireMock.Net's own admin routes')");
        if (mapping.SaveToFile == true) problems.Add($"{at}/SaveToFile: saving mappings to disk is off");
        if (mapping.Webhook is not null || mapping.Webhooks is { Length: > 0 }) problems.Add($"{at}/Webhook: webhooks (calls from the stub to other servers) are off");
        if (mapping.ProtoDefinition is not null || mapping.ProtoDefinitions is not null) problems.Add($"{at}/ProtoDefinition: not offered");
        if (mapping.Request is null) problems.Add($"{at}/Request: an object is required");
        else CheckRequest(mapping.Request, $"{at}/Request", problems);
        if (mapping.Response is null) problems.Add($"{at}/Response: an object is required");
        else CheckResponse(mapping.Response, $"{at}/Response", rules, problems);
    }

    /// <summary>Checks a request pattern (a mapping's, or a request search's).</summary>
    public static void CheckRequest(RequestModel request, string at, List<string> problems)
    {
        Matchers<ClientIPModel>(request.ClientIP, $"{at}/ClientIP", m => (m.Matchers, m.MatchOperator), problems);
        Matchers<PathModel>(request.Path, $"{at}/Path", m => (m.Matchers, m.MatchOperator), problems);
        Matchers<UrlModel>(request.Url, $"{at}/Url", m => (m.Matchers, m.MatchOperator), problems);
        Operator(request.MethodsMatchOperator, $"{at}/MethodsMatchOperator", problems);
        Named(request.Headers?.Select(h => (h?.Name, h?.Matchers, h?.MatchOperator)), $"{at}/Headers", problems);
        Named(request.Cookies?.Select(c => (c?.Name, c?.Matchers, c?.MatchOperator)), $"{at}/Cookies", problems);
        Named(request.Params?.Select(p => (p?.Name, (IList<MatcherModel>?)p?.Matchers, (string?)null)), $"{at}/Params", problems);
        if (request.Body is { } body)
        {
            if (body.MatcherName is not null) problems.Add($"{at}/Body/MatcherName: not offered (multipart matching)");
            Operator(body.MatchOperator, $"{at}/Body/MatchOperator", problems);
            if (body.Matcher is not null) Matcher(body.Matcher, $"{at}/Body/Matcher", problems);
            for (var i = 0; i < (body.Matchers?.Length ?? 0); i++)
            {
                if (body.Matchers![i] is { } m) Matcher(m, $"{at}/Body/Matchers/{i}", problems);
            }
        }
    }

    // Path, Url and ClientIP: a string (a wildcard pattern, made a timed matcher by the first pass when it has
    // wildcards) or an object of matchers.
    private static void Matchers<T>(object? value, string at, Func<T, (MatcherModel[]? Matchers, string? Operator)> parts, List<string> problems)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (text.AsSpan().IndexOfAny('*', '?') >= 0) problems.Add($"{at}: a wildcard pattern must be given as a WildcardMatcher");
                return;
            case JObject obj:
                T? model;
                try
                {
                    model = obj.ToObject<T>(Serializer);
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException)
                {
                    problems.Add($"{at}: must be a string or an object with Matchers");
                    return;
                }

                if (model is null) return;
                var (matchers, op) = parts(model);
                Operator(op, $"{at}/MatchOperator", problems);
                for (var i = 0; i < (matchers?.Length ?? 0); i++)
                {
                    if (matchers![i] is { } m) Matcher(m, $"{at}/Matchers/{i}", problems);
                }

                return;
            default:
                problems.Add($"{at}: must be a string or an object with Matchers");
                return;
        }
    }

    private static void Named(IEnumerable<(string? Name, IList<MatcherModel>? Matchers, string? Operator)>? items, string at, List<string> problems)
    {
        var i = 0;
        foreach (var (name, matchers, op) in items ?? [])
        {
            var here = $"{at}/{i++}";
            if (matchers is null) continue;
            if (string.IsNullOrEmpty(name)) problems.Add($"{here}/Name: a name is required");
            Operator(op, $"{here}/MatchOperator", problems);
            for (var j = 0; j < matchers.Count; j++)
            {
                if (matchers[j] is { } m) Matcher(m, $"{here}/Matchers/{j}", problems);
            }
        }
    }

    private static void Operator(string? value, string at, List<string> problems)
    {
        if (value is not null && !Enum.GetNames<MatchOperator>().Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{at} '{Engine.TextChecks.Scrub(value)}': must be one of {string.Join(", ", Enum.GetNames<MatchOperator>())}");
        }
    }

    private static void Matcher(MatcherModel matcher, string at, List<string> problems)
    {
        var kind = matcher.Name?.Split('.')[0];
        if (string.IsNullOrEmpty(kind))
        {
            problems.Add($"{at}/Name: a matcher needs a name");
            return;
        }

        if (!Allowed.Contains(kind))
        {
            problems.Add($"{at}/Name '{Engine.TextChecks.Scrub(kind)}': {Refusal(kind)}");
            return;
        }

        var patterns = (matcher.Patterns ?? []).Prepend(matcher.Pattern).Where(p => p is not null).ToList();
        if (matcher.PatternAsFile is not null) problems.Add($"{at}/PatternAsFile: matchers may not read files");

        if (matcher.ContentTypeMatcher is not null || matcher.ContentDispositionMatcher is not null || matcher.ContentTransferEncodingMatcher is not null || matcher.ContentMatcher is not null
            || matcher.XmlNamespaceMap is not null || matcher.CustomScalars is not null || matcher.ProtoBufMessageType is not null)
        {
            problems.Add($"{at}: nested matchers, namespaces, scalars and message types are not offered");
        }

        if (matcher.Regex == true) problems.Add($"{at}/Regex: regex values in JSON matchers run without the stub's time limit; use a RegexMatcher instead");
        Operator(matcher.MatchOperator, $"{at}/MatchOperator", problems);
        if (!Textual.Contains(kind)) return;

        // The time-limited matchers are built from exactly these strings (TimedMatchers.Texts), so what is checked here runs.
        var timed = kind is TimedMatchers.RegexName or TimedMatchers.WildcardName;
        if (timed && matcher.Pattern is not null && matcher.Patterns is { Length: > 0 }) problems.Add($"{at}: give Pattern or Patterns, not both");
        var texts = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern is string text) texts.Add(text);
            else if (pattern is JObject file && file.Properties().Any(q => q.Name.Equals("PatternAsFile", StringComparison.OrdinalIgnoreCase))) problems.Add($"{at}/Patterns/PatternAsFile: matchers may not read files");
            else if (timed && pattern is JObject) problems.Add($"{at}/Patterns: {kind} takes its patterns as strings (the text the stub's time-limited matcher runs)");
            else if (pattern is JObject { } sp && sp.Properties().Count() == 1 && sp["Pattern"] is JValue { Type: JTokenType.String } v) texts.Add((string)v!);
            else problems.Add($"{at}/Pattern: {kind} takes text patterns");
        }

        if (kind is TimedMatchers.RegexName or TimedMatchers.WildcardName && texts.Count == 0) problems.Add($"{at}/Pattern: a pattern is required");
        foreach (var text in texts)
        {
            if (kind == TimedMatchers.RegexName && !IsRegex(text, matcher.IgnoreCase == true)) problems.Add($"{at}/Pattern: not a valid regular expression");
            if (kind == "JsonPathMatcher" && JsonPathProblem(text) is { } why) problems.Add($"{at}/Pattern '{Engine.TextChecks.Shown(text, 80)}': {why}");
        }
    }

    private static bool IsRegex(string pattern, bool ignoreCase)
    {
        try
        {
            _ = new Regex(pattern, ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None, TimedMatchers.Timeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Newtonsoft runs JSONPath's =~ with no time limit (it passes an infinite timeout itself, so no process
    // default applies), and nested deep scans and filters cost a power of the document's size.
    private static string? JsonPathProblem(string path)
    {
        if (path.Contains("=~", StringComparison.Ordinal)) return "regular expressions in JSONPath (=~) run without a time limit; use a RegexMatcher on the body";
        if (Count(path, "..") > 1 || Count(path, "?(") > 1) return "at most one deep scan (..) and one filter (?()) per path, so matching stays linear in the body";
        return null;

        static int Count(string text, string part)
        {
            var n = 0;
            for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
            return n;
        }
    }

    private static string Refusal(string kind) => kind switch
    {
        "JsonPartialWildcardMatcher" or "SystemTextJsonPartialWildcardMatcher" => "its wildcards run without the stub's time limit; use JsonPartialMatcher, or a RegexMatcher on the body",
        "ContentTypeMatcher" or "FormUrlEncodedMatcher" => "it runs wildcards without the stub's time limit; use a WildcardMatcher on the header or the body",
        "XPathMatcher" or "JmesPathMatcher" or "SimMetricsMatcher" => "its cost grows faster than the request and has no time limit; the stub offers only matchers with a time limit or a linear cost",
        "RegexMatcher" or "WildcardMatcher" => "could not be given the stub's time limit in this place",
        "CSharpCodeMatcher" or "LinqMatcher" or "GraphQLMatcher" or "ProtoBufMatcher" or "MimePartMatcher" => "not offered",
        _ => "not a matcher this stub offers",
    } + $" (offered: RegexMatcher, WildcardMatcher, {string.Join(", ", Allowed.Where(a => !a.StartsWith("ApiContracts", StringComparison.Ordinal)))})";

    private static void CheckResponse(ResponseModel response, string at, MappingRules rules, List<string> problems)
    {
        var status = Status(response.StatusCode, at, problems);
        if (status is 204 or 304 && (response.Body is not null || response.BodyAsJson is not null || response.BodyAsBytes is not null || response.BodyAsFile is not null))
        {
            problems.Add($"{at}/StatusCode {status}: a {status} answer has no body; remove Body, BodyAsJson, BodyAsBytes and BodyAsFile");
        }

        Headers(response.Headers, $"{at}/Headers", problems);
        Headers(response.TrailingHeaders, $"{at}/TrailingHeaders", problems);
        if (response.Headers is null && response.HeadersRaw is { } raw)
        {
            var lines = raw.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
            if (lines.Any(line => !line.Contains(':', StringComparison.Ordinal)))
            {
                problems.Add($"{at}/HeadersRaw: each line must be 'Name: value'");
            }
            else
            {
                Headers(lines.GroupBy(line => line.Split(':', 2)[0], StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => (object)new JArray(g.Select(line => line.Split(':', 2)[1].Trim()))), $"{at}/HeadersRaw", problems);
            }
        }

        Delay(response.Delay, $"{at}/Delay", problems);
        Delay(response.MinimumRandomDelay, $"{at}/MinimumRandomDelay", problems);
        Delay(response.MaximumRandomDelay, $"{at}/MaximumRandomDelay", problems);
        if (!(response.Delay > 0) && (response.MinimumRandomDelay >= 0 || response.MaximumRandomDelay > 0) && (response.MinimumRandomDelay ?? 0) > (response.MaximumRandomDelay ?? 60_000))
        {
            problems.Add($"{at}/MinimumRandomDelay: must not exceed MaximumRandomDelay (60000 when not given)");
        }

        if (response.BodyEncoding is { } encoding && !KnownEncoding(encoding.CodePage)) problems.Add($"{at}/BodyEncoding/CodePage {encoding.CodePage}: not an encoding this runtime has");
        if (response.BodyAsFile is { } file && AdminGuard.PackFile(file, rules.PackFiles).Real != file) problems.Add($"{at}/BodyAsFile: only files in the pack's __files folder may be served");
        if (!string.IsNullOrEmpty(response.ProxyUrl)) Proxy(response.ProxyUrl, $"{at}/ProxyUrl", rules, problems);
        if (response.WebProxy is not null) problems.Add($"{at}/WebProxy: not offered");
        if (response.X509Certificate2ThumbprintOrSubjectName is not null) problems.Add($"{at}/X509Certificate2ThumbprintOrSubjectName: not offered");
        if (response.ProtoDefinition is not null || response.ProtoDefinitions is not null || response.ProtoBufMessageType is not null) problems.Add($"{at}/ProtoDefinition: not offered");
        if (response.UseTransformer == true) Templates(response, at, problems);
    }

    private static int? Status(object? value, string at, List<string> problems)
    {
        var status = value switch
        {
            null => 200,
            long n when n is >= int.MinValue and <= int.MaxValue => (int)n,
            double d when d == Math.Floor(d) && Math.Abs(d) < 100_000 => (int)d,
            string s when s.Length is > 0 and <= 3 && s.All(char.IsAsciiDigit) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
            _ => (int?)null,
        };
        if (status is null or < 200 or > 599)
        {
            var shown = value is JToken token ? token.ToString(Formatting.None) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
            problems.Add($"{at}/StatusCode {Engine.TextChecks.Scrub(shown.Length <= 40 ? shown : shown[..40] + "…")}: must be a status 200..599 (a number; 1xx and out-of-range codes break the connection's framing)");
            return null;
        }

        return status;
    }

    private static void Headers(IDictionary<string, object>? headers, string at, List<string> problems)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, object>())
        {
            var ok = value is string || (value is JArray list && list.All(v => v.Type == JTokenType.String));
            if (!ok) problems.Add($"{at}/{Engine.TextChecks.Scrub(name)}: a header value must be a string or a list of strings");
            else if (FramingHeaders.Contains(name.Trim())) problems.Add($"{at}/{Engine.TextChecks.Scrub(name)}: the server frames the answer itself; {name.Trim()} may not be set by a mapping");
            else if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c >= '\u007f')) problems.Add($"{at}/{Engine.TextChecks.Scrub(name)}: not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            else if ((value is string one ? [one] : ((JArray)value).Select(v => (string)v!)).Any(v => v.Any(c => c is '\r' or '\n' or '\0'))) problems.Add($"{at}/{Engine.TextChecks.Scrub(name)}: a header value may not hold CR, LF or NUL");
        }
    }

    // Headers that decide how the answer is framed on the connection: Kestrel sets them, a mapping that sets them
    // breaks the answer (a 204 with Content-Length: 100 became an empty 500).
    private static readonly HashSet<string> FramingHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE", "Proxy-Connection",
    };

    private static void Delay(int? value, string at, List<string> problems)
    {
        if (value is < 0 or > AdminGuard.MaxDelayMilliseconds) problems.Add($"{at} {value}: must be 0..{AdminGuard.MaxDelayMilliseconds} ms (as /__stub/latency)");
    }

    private static bool KnownEncoding(int codePage)
    {
        try
        {
            _ = Encoding.GetEncoding(codePage);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static void Proxy(string url, string at, MappingRules rules, List<string> problems)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            problems.Add($"{at} '{Engine.TextChecks.Scrub(url)}': an absolute http(s) URL is required");
        }
        else if (!rules.ProxyHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{at} '{Engine.TextChecks.Scrub(url)}': proxying to {target.Host} is off (start the server with --allow-proxy {target.Host} to allow it)");
        }
    }

    // UseTransformer: Handlebars only (WireMock's own reading of TransformerType), and every text it will render checked.
    private static void Templates(ResponseModel response, string at, List<string> problems)
    {
        var type = Enum.TryParse<TransformerType>(response.TransformerType, out var parsed) ? parsed : TransformerType.Handlebars;
        if (type != TransformerType.Handlebars)
        {
            problems.Add($"{at}/TransformerType '{Engine.TextChecks.Scrub(response.TransformerType ?? string.Empty)}': only Handlebars templates are offered (Scriban runs loops and regexes without limits)");
            return;
        }

        var texts = new List<(string At, string Text)>();
        if (response.Body is { } body) texts.Add(($"{at}/Body", body));
        Strings(response.BodyAsJson, $"{at}/BodyAsJson", texts);
        if (response.StatusCode is string status) texts.Add(($"{at}/StatusCode", status));
        if (response.HeadersRaw is { } raw) texts.Add(($"{at}/HeadersRaw", raw));
        foreach (var (name, value) in (response.Headers ?? new Dictionary<string, object>()).Concat(response.TrailingHeaders ?? new Dictionary<string, object>()))
        {
            texts.Add(($"{at}/Headers", name));
            Strings(value, $"{at}/Headers/{name}", texts);
        }

        if (response.BodyAsFile is { } file && file.Contains("{{", StringComparison.Ordinal)) problems.Add($"{at}/BodyAsFile: a templated file name is not offered");
        TemplateCheck.Check(texts, problems);
    }

    private static void Strings(object? value, string at, List<(string, string)> texts)
    {
        switch (value)
        {
            case string text:
                texts.Add((at, text));
                break;
            case JValue { Type: JTokenType.String } v:
                texts.Add((at, (string)v!));
                break;
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    texts.Add((at, property.Name));
                    Strings(property.Value, $"{at}/{property.Name}", texts);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++) Strings(array[i], $"{at}/{i}", texts);
                break;
        }
    }
}
