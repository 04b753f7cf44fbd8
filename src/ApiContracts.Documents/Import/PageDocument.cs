namespace ApiContracts.Documents.Import;

/// <summary>What a table column holds, whatever the page's language calls it.</summary>
public enum ColumnRole
{
    /// <summary>The parameter or field name (Parameter, Element, 参数).</summary>
    Name,

    /// <summary>Whether the parameter must be sent (Mandatory, Required, 是否必选).</summary>
    Mandatory,

    /// <summary>The type as printed (Type, 参数类型).</summary>
    Type,

    /// <summary>The page's description (Description, 描述).</summary>
    Description,

    /// <summary>An example value (Example).</summary>
    Example,

    /// <summary>An HTTP status (HTTP Status Code, 状态码).</summary>
    Status,

    /// <summary>A column of a table the importer does not read (a RAM authorization table's).</summary>
    Other,
}

/// <summary>One cell: its text (lines joined with <c>\n</c>, bullets written <c>• value</c>) and the line it starts on.</summary>
/// <param name="Text">The cell's text, trimmed.</param>
/// <param name="Line">The 1-based line of the page it starts on.</param>
public sealed record PageCell(string Text, int Line);

/// <summary>One table row: a cell per column role the row fills (a cell the page lost is absent).</summary>
/// <param name="Line">The line the row starts on.</param>
/// <param name="Cells">The row's cells by role.</param>
public sealed record PageRow(int Line, IReadOnlyDictionary<ColumnRole, PageCell> Cells)
{
    /// <summary>The text of the cell with <paramref name="role"/>, or null when the row has none.</summary>
    public string? Text(ColumnRole role) => Cells.TryGetValue(role, out var cell) ? cell.Text : null;
}

/// <summary>A table of the page.</summary>
/// <param name="Caption">The caption as printed (<c>Table 2 Query parameters</c>, <c>表2 查询参数</c>, or the heading above a pipe table); null when the page prints none.</param>
/// <param name="Line">The line of its caption, or of its header when it has none.</param>
/// <param name="Columns">The header cells as printed, each with its role.</param>
/// <param name="Rows">The rows, in page order.</param>
/// <param name="Flat">Whether nesting was flattened into the rows: a nameless row typed <c>object</c> or <c>string</c> describes the items of the array row above it (Alibaba pages).</param>
public sealed record PageTable(string? Caption, int Line, IReadOnlyList<(string Header, ColumnRole Role)> Columns, IReadOnlyList<PageRow> Rows, bool Flat)
{
    /// <summary>Whether the table has a column with <paramref name="role"/>.</summary>
    public bool Has(ColumnRole role) => Columns.Any(c => c.Role == role);

    /// <summary>How messages name the table: its caption, or the line of its header.</summary>
    public string Label => Caption is null ? $"the table without caption at line {Line}" : $"'{Caption}' (line {Line})";
}

/// <summary>A part of the page in reading order.</summary>
/// <param name="Line">The 1-based line it starts on.</param>
public abstract record PageItem(int Line);

/// <summary>A line of text that is not part of a table or example: a heading, a request line, prose.</summary>
/// <param name="Line">Its line.</param>
/// <param name="Text">The line, trimmed.</param>
public sealed record PageText(int Line, string Text) : PageItem(Line);

/// <summary>A table.</summary>
/// <param name="Table">The table.</param>
public sealed record PageTableItem(PageTable Table) : PageItem(Table.Line);

/// <summary>A JSON payload printed on the page, verbatim.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Json">The payload's lines as printed, joined with <c>\n</c>.</param>
public sealed record PageJson(int Line, string Json) : PageItem(Line);

/// <summary>A page read into text lines, tables and examples, whatever its form (text or HTML).</summary>
/// <param name="Name">How messages name the page (its path).</param>
/// <param name="Items">The page's parts in reading order.</param>
public sealed record PageDocument(string Name, IReadOnlyList<PageItem> Items);
