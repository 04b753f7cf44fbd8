using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Json;

/// <summary>Thrown when a payload is not JSON text; says where, as a line and column (and a byte offset for encoding faults).</summary>
public sealed class JsonInputException : Exception
{
    private readonly string? _reason;

    /// <summary>Creates the exception for a JSON syntax fault.</summary>
    public JsonInputException(string source, long line, long column, string reason)
        : this(source, line, column, "not valid JSON", reason)
    {
    }

    /// <summary>Creates the exception for a fault of the given kind (<c>not valid JSON</c>, <c>not valid UTF-8</c>, ...).</summary>
    public JsonInputException(string source, long line, long column, string kind, string reason)
        : base($"{source}:{line}:{column}: {kind}: {reason}")
    {
        Line = line;
        Column = column;
        Kind = kind;
        _reason = reason;
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public JsonInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without detail.</summary>
    public JsonInputException()
    {
    }

    /// <summary>1-based line of the fault.</summary>
    public long Line { get; }

    /// <summary>What kind of fault: <c>not valid JSON</c>, <c>not valid UTF-8</c> or <c>not valid text</c> (an unpaired surrogate); empty when unknown.</summary>
    public string Kind { get; } = string.Empty;

    /// <summary>What is wrong, without the place; the whole message when unknown.</summary>
    public string Reason => _reason ?? Message;

    /// <summary>1-based column of the fault, in bytes of the UTF-8 text (as System.Text.Json counts).</summary>
    public long Column { get; }
}

/// <summary>
/// Turns bytes or text into a JSON document strictly, in one place, so the CLI and the stub server
/// decide alike: UTF-8 without a byte order mark, no invalid byte sequences, no escaped unpaired surrogates
/// (<c>"\ud800"</c> is not a Unicode character), no comments, no trailing commas, no duplicate keys,
/// and at most <see cref="MaxDepth"/> levels of nesting. Every refusal names the source, line and column.
/// </summary>
public static class JsonInput
{
    /// <summary>The deepest nesting of arrays and objects a payload may have.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    // The checking pass enforces the depth itself, with its own message, one level before the reader would.
    private static readonly JsonReaderOptions Reader = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth + 2,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">When the text is not one JSON value, or holds a lone surrogate.</exception>
    public static JsonNode? Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            var (line, column) = TextPosition(text, ex.Index);
            throw new JsonInputException(source, line, column, "not valid text", $"U+{(int)(ex.CharUnknown != '\0' ? ex.CharUnknown : ex.CharUnknownHigh):X4} at character {ex.Index} is an unpaired UTF-16 surrogate, which is not text");
        }

        return ParseUtf8(bytes, source);
    }

    /// <summary>
    /// Parses UTF-8 bytes; the returned nodes keep a reference to <paramref name="utf8"/> (no copy is
    /// made), so the caller must not change it afterwards.
    /// </summary>
    /// <exception cref="JsonInputException">When the bytes are not UTF-8 JSON text as described on <see cref="JsonInput"/>.</exception>
    public static JsonNode? ParseUtf8(ReadOnlyMemory<byte> utf8, string source)
    {
        // The document is left to the collector rather than disposed: the nodes read from it lazily.
#pragma warning disable CA2000
        return Node(ParseDocument(utf8, source).RootElement);
#pragma warning restore CA2000
    }

    /// <summary>
    /// Parses UTF-8 bytes into a read-only document under the same rules as <see cref="ParseUtf8"/>, for
    /// readers that walk <see cref="JsonElement"/>s and need no node tree (a tree costs several times the
    /// payload's size). The document refers to <paramref name="utf8"/> without copying it.
    /// </summary>
    /// <exception cref="JsonInputException">When the bytes are not UTF-8 JSON text as described on <see cref="JsonInput"/>.</exception>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, string source)
    {
        Check(utf8.Span, source);
        try
        {
            return JsonDocument.Parse(utf8, Strict);
        }
        catch (JsonException ex)
        {
            throw Syntax(ex, source);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end into one buffer and parses it like <see cref="ParseDocument"/>.</summary>
    /// <exception cref="JsonInputException">When the bytes are not UTF-8 JSON text.</exception>
    /// <exception cref="IOException">When the stream cannot be read, or is larger than 2 GiB.</exception>
    public static JsonDocument ReadDocument(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseDocument(ReadAll(stream, source), source);
    }

    /// <summary>Reads <paramref name="stream"/> to its end and parses it as UTF-8 JSON, holding the bytes once (never as a string).</summary>
    /// <exception cref="JsonInputException">When the bytes are not UTF-8 JSON text.</exception>
    /// <exception cref="IOException">When the stream cannot be read, or is larger than 2 GiB.</exception>
    public static JsonNode? Parse(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseUtf8(ReadAll(stream, source), source);
    }

    /// <summary>Parses the JSON file at <paramref name="path"/>; <paramref name="source"/> names it in errors (default: the path).</summary>
    /// <exception cref="JsonInputException">When the file is not UTF-8 JSON text.</exception>
    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    public static JsonNode? ReadFile(string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Parse(stream, source ?? path);
    }

    /// <summary>The 1-based line and byte column of <paramref name="offset"/> in <paramref name="utf8"/>.</summary>
    public static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Min(offset, utf8.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stream, string source)
    {
        if (stream.CanSeek)
        {
            var length = stream.Length - stream.Position;
            if (length > Array.MaxLength) throw new IOException($"{source}: {length} bytes is more than the 2 GiB a payload may have");
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            // A file that grew while being read is read to its end too.
            if (stream.ReadByte() < 0) return bytes;
            stream.Position = 0;
        }

        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException ex) when (buffer.Length >= Array.MaxLength - 81920)
        {
            throw new IOException($"{source}: more than the 2 GiB a payload may have", ex);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // One pass over the bytes before the document is built: encoding, depth and surrogates, each with its place.
    private static void Check(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            throw new JsonInputException(source, 1, 1, "not valid JSON", "the payload starts with a UTF-8 byte order mark (EF BB BF); JSON text must not begin with one (RFC 8259, section 8.1)");
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw InvalidUtf8(utf8, source);

        var reader = new Utf8JsonReader(utf8, Reader);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray or JsonTokenType.StartObject when reader.CurrentDepth >= MaxDepth:
                        throw At(utf8, reader.TokenStartIndex, source, "not valid JSON", $"nested deeper than the maximum depth of {MaxDepth} arrays and objects");
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped:
                        CheckEscapes(ref reader, utf8, source);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw Syntax(ex, source);
        }
    }

    private static void CheckEscapes(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string source)
    {
        try
        {
            _ = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var escape = LoneSurrogate(reader.ValueSpan);
            var offset = reader.TokenStartIndex + 1 + Math.Max(0, escape.Offset);
            throw At(utf8, offset, source, "not valid text", $"the escape {escape.Text} is an unpaired UTF-16 surrogate, which is not text");
        }
    }

    // The first \uD800-\uDFFF escape not part of a high-low pair; the value is a string's raw, still escaped, bytes.
    private static (int Offset, string Text) LoneSurrogate(ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (value[i] != '\\') continue;
            if (value[i + 1] != 'u' || i + 6 > value.Length)
            {
                i++;
                continue;
            }

            var unit = Hex(value.Slice(i + 2, 4));
            if (unit is >= 0xD800 and <= 0xDBFF && i + 12 <= value.Length && value[i + 6] == '\\' && value[i + 7] == 'u' && Hex(value.Slice(i + 8, 4)) is >= 0xDC00 and <= 0xDFFF)
            {
                i += 11;
                continue;
            }

            if (unit is >= 0xD800 and <= 0xDFFF) return (i, Encoding.ASCII.GetString(value.Slice(i, 6)));
            i += 5;
        }

        return (-1, "in this string");
    }

    private static int Hex(ReadOnlySpan<byte> digits) =>
        int.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : -1;

    private static JsonInputException InvalidUtf8(ReadOnlySpan<byte> utf8, string source)
    {
        var (offset, reason) = Utf8Text.FirstInvalid(utf8) ?? (0, "the text is not UTF-8");
        return At(utf8, offset, source, "not valid UTF-8", reason);
    }

    private static JsonInputException At(ReadOnlySpan<byte> utf8, long offset, string source, string kind, string reason)
    {
        var (line, column) = Position(utf8, offset);
        return new JsonInputException(source, line, column, kind, reason);
    }

    private static JsonInputException Syntax(JsonException ex, string source)
    {
        var reason = ex.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = reason.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
        }

        return new JsonInputException(source, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, reason);
    }

    private static (long Line, long Column) TextPosition(string text, int index)
    {
        var before = text.AsSpan(0, Math.Min(index, text.Length));
        var lastNewline = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, index - lastNewline);
    }

    private static JsonNode? Node(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };
}
