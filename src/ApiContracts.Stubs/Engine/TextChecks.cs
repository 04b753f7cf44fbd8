using System.Text;

namespace ApiContracts.Stubs.Engine;

/// <summary>
/// Checks on text that arrives in bodies: strict UTF-8, and JSON strings that hold an unpaired UTF-16
/// surrogate (<c>"\ud800"</c> is valid JSON but no valid text; writing it back out would fail).
/// </summary>
internal static class TextChecks
{
    /// <summary>UTF-8 that refuses invalid bytes instead of replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>, or says where the first invalid byte is.</summary>
    public static (string? Text, string? Problem) Decode(byte[] bytes, string what)
    {
        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException ex)
        {
            return (null, $"{what} is not valid UTF-8 (an invalid byte near offset {Math.Max(ex.Index, 0)})");
        }
    }

    /// <summary>
    /// Where JSON text escapes an unpaired surrogate (<c>\ud800</c> without its low half, or a low half alone),
    /// as "line L, column C", or null when it escapes none. Such a string parses but is no text: reading or
    /// writing it fails later, so bodies are refused up front. (Unescaped surrogates cannot get this far:
    /// strict UTF-8 decoding refuses them.)
    /// </summary>
    public static string? UnpairedEscape(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\\u", StringComparison.OrdinalIgnoreCase)) return null;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] != 'u')
            {
                i++; // an escaped character, perhaps a backslash: never the start of \u
                continue;
            }

            var unit = Hex(json, i + 2);
            if (unit is null) continue;
            if (char.IsHighSurrogate(unit.Value))
            {
                var next = i + 6 + 1 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' ? Hex(json, i + 8) : null;
                if (next is null || !char.IsLowSurrogate(next.Value)) return Where(json, i);
                i += 11;
            }
            else if (char.IsLowSurrogate(unit.Value))
            {
                return Where(json, i);
            }
            else
            {
                i += 5;
            }
        }

        return null;
    }

    private static char? Hex(string text, int at) =>
        at + 4 <= text.Length && ushort.TryParse(text.AsSpan(at, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value) ? (char)value : null;

    private static string Where(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            start = i + 1;
        }

        return $"line {line}, column {index - start + 1}";
    }

    /// <summary>Whether <paramref name="text"/> holds a surrogate without its pair.</summary>
    public static bool HasUnpaired(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }

        return false;
    }

    /// <summary>
    /// <paramref name="text"/> as a message shows it: at most <paramref name="max"/> characters, then "…", with every
    /// unpaired surrogate (including one the cut leaves) replaced by U+FFFD.
    /// </summary>
    public static string Shown(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Scrub(text.Length <= max ? text : text[..max] + "…");
    }

    /// <summary><paramref name="text"/> with every unpaired surrogate replaced by U+FFFD, so it can be written as JSON.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasUnpaired(text)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return builder.ToString();
    }
}
