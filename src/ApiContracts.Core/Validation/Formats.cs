using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Json.Schema;

namespace ApiContracts.Core.Validation;

/// <summary>
/// The formats the schemas rely on, checked by their RFCs rather than by a platform parser: <c>date-time</c>
/// (RFC 3339 section 5.6, a zone is required) and <c>uri</c> (RFC 3986 section 3, absolute). .NET's
/// <see cref="Uri"/> is not used for <c>uri</c>: on Linux it reads <c>/relative</c> as an absolute file URI.
/// </summary>
public static class Formats
{
    /// <summary>The format registry every validation uses: ours for <c>date-time</c> and <c>uri</c>, JsonSchema.Net's for the rest.</summary>
    internal static FormatRegistry Registry { get; } = CreateRegistry();

    /// <summary>Whether <paramref name="text"/> is a valid <paramref name="format"/>; formats other than ours are JsonSchema.Net's.</summary>
    public static bool IsValid(string format, string text) => format switch
    {
        "date-time" => IsDateTime(text),
        "uri" => IsUri(text),
        _ => Registry.Get(format).Validate(JsonSerializer.SerializeToElement(text), out _),
    };

    /// <summary>
    /// RFC 3339 <c>date-time</c>: <c>full-date "T" full-time</c> with a zone (<c>Z</c> or <c>±hh:mm</c>), every
    /// field in range (the day within its month, leap years counted), a leap second only at 23:59 UTC.
    /// </summary>
    public static bool IsDateTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // yyyy-mm-ddThh:mm:ss is 19 characters; the zone adds at least one.
        if (text.Length < 20 || !Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' || !Digits(text, 8, 2)
            || text[10] is not ('T' or 't') || !Digits(text, 11, 2) || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        {
            return false;
        }

        int Number(int at, int length) => int.Parse(text.AsSpan(at, length), NumberStyles.None, CultureInfo.InvariantCulture);
        int year = Number(0, 4), month = Number(5, 2), day = Number(8, 2), hour = Number(11, 2), minute = Number(14, 2), second = Number(17, 2);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;

        var at = 19;
        if (text[at] == '.')
        {
            var start = ++at;
            while (at < text.Length && char.IsAsciiDigit(text[at])) at++;
            if (at == start) return false;
        }

        var offsetMinutes = 0;
        if (at == text.Length - 1 && text[at] is 'Z' or 'z')
        {
            // UTC.
        }
        else if (at == text.Length - 6 && text[at] is '+' or '-' && Digits(text, at + 1, 2) && text[at + 3] == ':' && Digits(text, at + 4, 2))
        {
            int offsetHour = Number(at + 1, 2), offsetMinute = Number(at + 4, 2);
            if (offsetHour > 23 || offsetMinute > 59) return false;
            offsetMinutes = (text[at] == '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
        }
        else
        {
            return false;
        }

        // A leap second is the last second of a UTC day: 23:59:60 once the offset is taken off.
        if (second == 60)
        {
            var utcMinutes = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
            return utcMinutes == (23 * 60) + 59;
        }

        return true;
    }

    /// <summary>
    /// RFC 3986 <c>URI</c>: <c>scheme ":" hier-part ["?" query] ["#" fragment]</c>, ASCII only, every
    /// <c>%</c> followed by two hex digits. A relative reference (<c>/relative</c>, <c>a/b</c>) is not a URI.
    /// </summary>
    public static bool IsUri(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(text[0])) return false;
        for (var i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '-' or '.')) return false;
        }

        var rest = text[(colon + 1)..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!All(rest[(hash + 1)..], QueryChar)) return false;
            rest = rest[..hash];
        }

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            if (!All(rest[(question + 1)..], QueryChar)) return false;
            rest = rest[..question];
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal)) return Path(rest);
        var authorityEnd = rest.IndexOf('/', 2);
        var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
        return Authority(authority) && Path(authorityEnd < 0 ? string.Empty : rest[authorityEnd..]);
    }

    private static FormatRegistry CreateRegistry()
    {
        var registry = new FormatRegistry();
        registry.Register(new RfcFormat("date-time", IsDateTime, "an RFC 3339 date-time with a zone"));
        registry.Register(new RfcFormat("uri", IsUri, "an absolute RFC 3986 URI"));
        return registry;
    }

    private static bool Digits(string text, int at, int count)
    {
        if (at + count > text.Length) return false;
        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
        }

        return true;
    }

    // authority = [userinfo "@"] host [":" port]
    private static bool Authority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!All(authority[..at], c => Unreserved(c) || SubDelim(c) || c == ':')) return false;
            authority = authority[(at + 1)..];
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IpLiteral(authority[1..close])) return false;
            authority = authority[(close + 1)..];
            return authority.Length == 0 || (authority[0] == ':' && authority.Skip(1).All(char.IsAsciiDigit));
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!authority[(colon + 1)..].All(char.IsAsciiDigit)) return false;
            authority = authority[..colon];
        }

        return All(authority, c => Unreserved(c) || SubDelim(c));
    }

    // IP-literal content: an IPv6 address, or IPvFuture ("v" 1*HEXDIG "." 1*(unreserved / sub-delims / ":")).
    private static bool IpLiteral(string text)
    {
        if (text.Length > 0 && text[0] is 'v' or 'V')
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            return dot > 1 && text[1..dot].All(char.IsAsciiHexDigit) && dot < text.Length - 1
                && text[(dot + 1)..].All(c => Unreserved(c) || SubDelim(c) || c == ':');
        }

        return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool Path(string path) => All(path, c => PathChar(c) || c == '/');

    private static bool QueryChar(char c) => PathChar(c) || c is '/' or '?';

    // pchar without pct-encoded, which All checks.
    private static bool PathChar(char c) => Unreserved(c) || SubDelim(c) || c is ':' or '@';

    private static bool Unreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool SubDelim(char c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    // Every character allowed, where "%" must start a pct-encoded triplet.
    private static bool All(string text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return false;
                i += 2;
            }
            else if (!allowed(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // A format JsonSchema.Net calls for string values; other JSON types pass, as draft-07 says.
    private sealed class RfcFormat(string key, Func<string, bool> check, string what) : Format(key)
    {
        public override bool Validate(JsonElement value, out string? errorMessage)
        {
            errorMessage = null;
            if (value.ValueKind != JsonValueKind.String || check(value.GetString()!)) return true;
            errorMessage = $"not {what}";
            return false;
        }
    }
}
