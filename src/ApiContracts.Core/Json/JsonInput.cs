using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Json;

/// <summary>Thrown when a payload is not JSON; says where, as a line and column.</summary>
public sealed class JsonInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonInputException(string source, long line, long column, string reason)
        : base($"{source}:{line}:{column}: not valid JSON: {reason}")
    {
        Line = line;
        Column = column;
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

    /// <summary>1-based column of the fault.</summary>
    public long Column { get; }
}

/// <summary>Parses payloads strictly (no comments, no trailing commas, no duplicate keys).</summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        // 64 is the limit payloads have always had: the earlier second parse used the default of 64.
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">When the text is not one JSON value.</exception>
    public static JsonNode? Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            // One parse: JsonNode.Parse applies the same options, duplicate keys included.
            return JsonNode.Parse(text, documentOptions: Strict);
        }
        catch (JsonException ex)
        {
            var reason = ex.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            throw new JsonInputException(source, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, reason);
        }
    }
}
