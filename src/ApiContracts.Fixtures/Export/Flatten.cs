using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.Export;

/// <summary>Flattens records to CSV cells by JSON pointer: objects with documented members are expanded; arrays and free-form objects become one JSON cell.</summary>
public static class Flatten
{
    /// <summary>The leaf pointers of an API's fixture records.</summary>
    public static IReadOnlyList<string> Columns(ApiDefinition api, bool listItems)
    {
        ArgumentNullException.ThrowIfNull(api);
        var columns = new List<string>();
        if (listItems)
        {
            Walk(RecordGenerator.ItemsField(api)!.Items!.Fields!, string.Empty, columns);
        }
        else
        {
            Walk(api.Request.Body!, "/request", columns);
            Walk(api.Success.Body!, "/response", columns);
        }

        return columns;
    }

    /// <summary>The cell for <paramref name="pointer"/> in <paramref name="record"/>: text as is, other values as JSON, absent or null as empty.</summary>
    public static string Cell(JsonNode record, string pointer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pointer);
        JsonNode? node = record;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(Unescape(token), out var child) ? child : null;
            if (node is null) return string.Empty;
        }

        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
    }

    /// <summary>
    /// Appends the CSV cell for <paramref name="pointer"/> in <paramref name="record"/>: nothing for a missing value,
    /// <see cref="CsvOptions.NullToken"/> for null, text as is (quoted when empty or equal to the token, ignoring case),
    /// other values as JSON.
    /// </summary>
    public static void AppendCell(StringBuilder line, JsonNode record, string pointer)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!TryFind(record, pointer, out var node)) return;
        if (node is null)
        {
            line.Append(CsvOptions.NullToken);
            return;
        }

        if (node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            if (text.Length == 0 || text.Equals(CsvOptions.NullToken, StringComparison.OrdinalIgnoreCase)) line.Append('"').Append(text).Append('"');
            else AppendCsv(line, text);
            return;
        }

        AppendCsv(line, node.ToJsonString());
    }

    /// <summary>Whether <paramref name="pointer"/> names a member present in <paramref name="record"/> (its value may be null).</summary>
    public static bool TryFind(JsonNode record, string pointer, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pointer);
        value = record;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (value is not JsonObject o || !o.TryGetPropertyValue(Unescape(token), out value)) return false;
        }

        return true;
    }

    /// <summary>The column name for <paramref name="pointer"/>: the member names joined with dots (<c>request.parameters.replica</c>).</summary>
    public static string Dotted(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return string.Join('.', pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape));
    }

    /// <summary>RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled.</summary>
    public static void AppendCsv(StringBuilder line, string cell)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(cell);
            return;
        }

        line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static void Walk(FieldTable table, string prefix, List<string> columns)
    {
        foreach (var field in table.Fields)
        {
            var pointer = prefix + "/" + field.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (field.Type == FieldType.Object && field.Fields is not null) Walk(field.Fields, pointer, columns);
            else columns.Add(pointer);
        }
    }
}
