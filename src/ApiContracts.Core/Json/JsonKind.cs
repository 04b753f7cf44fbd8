using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Json;

/// <summary>A JSON value's kind as JSON Schema names its types: whole numbers are <c>integer</c>, others <c>number</c>.</summary>
public static class JsonKind
{
    /// <summary><c>null</c>, <c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
    public static string Of(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => IsWhole(v) ? "integer" : "number",
            JsonValueKind.Null => "null",
            _ => "boolean",
        },
        _ => "value",
    };

    /// <summary>Whether a JSON number has no fractional part (1.0 is whole, as draft-07 counts it).</summary>
    public static bool IsWhole(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return decimal.Truncate(d) == d;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Floor(x) == x;
    }
}
