using System.Text;
using System.Text.Json.Nodes;

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

    /// <summary>The JSON pointer of the first name or string holding an unpaired surrogate, or null when all text is valid.</summary>
    public static string? UnpairedSurrogate(JsonNode? node, string pointer = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var here = $"{pointer}/{Scrub(name)}";
                    if (HasUnpaired(name)) return here;
                    if (UnpairedSurrogate(value, here) is { } found) return found;
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (UnpairedSurrogate(array[i], $"{pointer}/{i}") is { } found) return found;
                }

                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return HasUnpaired(text) ? (pointer.Length == 0 ? "(root)" : pointer) : null;
            default:
                return null;
        }
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
