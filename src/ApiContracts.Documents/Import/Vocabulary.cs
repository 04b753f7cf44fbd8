using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

/// <summary>The words of the page families the importer knows: headings, column headers, types, yes and no.</summary>
internal static partial class Vocabulary
{
    /// <summary>The sections of a page, by what they hold.</summary>
    public enum Section
    {
        /// <summary>Free text: function, try-it links, notes.</summary>
        Prose,

        /// <summary>The request line and the parameter tables.</summary>
        Parameters,

        /// <summary>An example request.</summary>
        RequestExample,

        /// <summary>Example responses.</summary>
        ResponseExample,

        /// <summary>The status code table.</summary>
        Status,

        /// <summary>The error code line.</summary>
        ErrorCode,

        /// <summary>A table of permissions (Alibaba's RAM authorization), not read.</summary>
        Authorization,
    }

    private static readonly Dictionary<string, Section> Headings = new(StringComparer.OrdinalIgnoreCase)
    {
        // Huawei Cloud, English.
        ["Function"] = Section.Prose, ["URI"] = Section.Parameters, ["Request"] = Section.Parameters, ["Response"] = Section.Parameters,
        ["Request Parameters"] = Section.Parameters, ["Response Parameters"] = Section.Parameters,
        ["Example Request"] = Section.RequestExample, ["Example Requests"] = Section.RequestExample,
        ["Example Response"] = Section.ResponseExample, ["Example Responses"] = Section.ResponseExample,
        ["Status Code"] = Section.Status, ["Status Codes"] = Section.Status, ["Error Code"] = Section.ErrorCode, ["Error Codes"] = Section.ErrorCode,
        // Huawei Cloud, Chinese.
        ["功能介绍"] = Section.Prose, ["请求参数"] = Section.Parameters, ["请求消息"] = Section.Parameters, ["响应参数"] = Section.Parameters,
        ["响应消息"] = Section.Parameters, ["请求示例"] = Section.RequestExample, ["响应示例"] = Section.ResponseExample,
        ["状态码"] = Section.Status, ["错误码"] = Section.ErrorCode,
        // Alibaba Cloud OpenAPI reference.
        ["Request syntax"] = Section.Parameters, ["Response elements"] = Section.Parameters,
        ["Examples"] = Section.ResponseExample, ["Error codes"] = Section.ErrorCode, ["Release notes"] = Section.Prose,
        ["RAM authorization"] = Section.Authorization, ["Try it now"] = Section.Prose, ["Test"] = Section.Prose,
        ["Success response"] = Section.ResponseExample, ["JSON format"] = Section.ResponseExample,
    };

    private static readonly Dictionary<string, ColumnRole> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Parameter"] = ColumnRole.Name, ["Element"] = ColumnRole.Name, ["参数"] = ColumnRole.Name, ["名称"] = ColumnRole.Name,
        ["Mandatory"] = ColumnRole.Mandatory, ["Required"] = ColumnRole.Mandatory, ["是否必选"] = ColumnRole.Mandatory, ["必选"] = ColumnRole.Mandatory,
        ["Type"] = ColumnRole.Type, ["参数类型"] = ColumnRole.Type, ["类型"] = ColumnRole.Type,
        ["Description"] = ColumnRole.Description, ["描述"] = ColumnRole.Description, ["说明"] = ColumnRole.Description,
        ["Example"] = ColumnRole.Example, ["示例"] = ColumnRole.Example, ["示例值"] = ColumnRole.Example,
        ["HTTP Status Code"] = ColumnRole.Status, ["Status Code"] = ColumnRole.Status, ["状态码"] = ColumnRole.Status,
        // Alibaba's RAM authorization table: recognised so that it is skipped knowingly.
        ["Action"] = ColumnRole.Other, ["Access level"] = ColumnRole.Other, ["Resource type"] = ColumnRole.Other,
        ["Condition key"] = ColumnRole.Other, ["Dependent action"] = ColumnRole.Other,
    };

    /// <summary>The section a heading line opens, or null when the line is not a heading.</summary>
    public static Section? HeadingOf(string line) => Headings.TryGetValue(line.Trim(), out var section) ? section : null;

    /// <summary>The role of a header cell, or null when the text is not a column header.</summary>
    public static ColumnRole? ColumnOf(string cell)
    {
        // The RAM table's headers are ordinary words ("Action"); only their exact spelling counts.
        var text = cell.Trim();
        if (!Columns.TryGetValue(text, out var role)) return null;
        return role != ColumnRole.Other || Columns.Keys.Contains(text, StringComparer.Ordinal) ? role : null;
    }

    /// <summary>Yes or no in a Mandatory column: true, false, or null when the text is neither.</summary>
    public static bool? YesNo(string cell) => cell.Trim() switch
    {
        "Yes" or "yes" or "是" or "true" => true,
        "No" or "no" or "否" or "false" => false,
        _ => null,
    };

    /// <summary>Whether a cell is a printed type (<c>String</c>, <c>Array of objects</c>, <c>array&lt;object&gt;</c>...).</summary>
    public static bool IsType(string cell) => Parse(cell) is not null;

    /// <summary>The JSON type of a printed type and, for arrays, the item type when the page says it; null when the text is not a type.</summary>
    public static (FieldType Type, FieldType? Items)? Parse(string cell)
    {
        var text = cell.Trim().ToLowerInvariant();
        var scalar = Scalar(text);
        if (scalar is not null) return (scalar.Value, null);
        var array = ArrayOf().Match(text);
        if (array.Success)
        {
            var inner = array.Groups["of"].Success ? array.Groups["of"].Value : array.Groups["angle"].Value;
            if (inner.Length == 0) return (FieldType.Array, null);
            var item = Scalar(inner.TrimEnd('s')) ?? Scalar(inner);
            return item is null ? null : (FieldType.Array, item);
        }

        return text.StartsWith("map<", StringComparison.Ordinal) && text.EndsWith('>') ? (FieldType.Object, null) : null;
    }

    /// <summary>The name the definition format gives a type.</summary>
    public static string Name(FieldType type) => type.ToString().ToLowerInvariant();

    /// <summary>Whether a cell can be a parameter or field name: no spaces, quotes or brackets.</summary>
    public static bool IsName(string cell) => NameShape().IsMatch(cell.Trim());

    /// <summary>Whether a line is a table caption (<c>Table 3 ...</c>, <c>表3 ...</c>); gives its number.</summary>
    public static int? CaptionNumber(string line)
    {
        var m = Caption().Match(line.Trim());
        return m.Success ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static FieldType? Scalar(string text) => text switch
    {
        "string" or "str" => FieldType.String,
        "integer" or "int" or "int32" or "int64" or "long" => FieldType.Integer,
        "number" or "float" or "double" or "bigdecimal" => FieldType.Number,
        "boolean" or "bool" => FieldType.Boolean,
        "object" or "json" => FieldType.Object,
        "array" or "list" => FieldType.Array,
        _ => null,
    };

    [GeneratedRegex(@"^(?:array|list)(?:\s+of\s+(?<of>[a-z0-9]+)|\s*<(?<angle>[a-z0-9]+)>)?$")]
    private static partial Regex ArrayOf();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:\-]*$")]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^(?:Table\s*(?<n>[0-9]+)(?:\s+\S.*)?|表\s*(?<n>[0-9]+)(?:\s*\S.*)?)$")]
    private static partial Regex Caption();
}
