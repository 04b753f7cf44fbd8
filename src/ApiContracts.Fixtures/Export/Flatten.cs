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
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            if (node is null) return string.Empty;
        }

        return node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
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
