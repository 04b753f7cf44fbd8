using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Json;

/// <summary>The one way artifacts are written as JSON: two-space indent, LF, readable CJK, final newline.</summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="node"/> as an artifact's text.</summary>
    public static string Write(JsonNode? node) => (node?.ToJsonString(Options) ?? "null") + "\n";

    /// <summary>A JSON number for a decimal constraint, written without a trailing fraction when whole.</summary>
    public static JsonNode Number(decimal value) =>
        decimal.Truncate(value) == value && Math.Abs(value) < long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonValue.Create(decimal.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
