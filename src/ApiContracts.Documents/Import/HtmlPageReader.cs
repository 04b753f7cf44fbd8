using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ApiContracts.Documents.Import;

/// <summary>
/// Reads a page saved as HTML with AngleSharp's HTML5 parser: headings and paragraphs become lines,
/// <c>&lt;table&gt;</c> elements tables (captioned by <c>&lt;caption&gt;</c> or by a "Table N ..." line just
/// before them), <c>&lt;pre&gt;</c> blocks holding JSON examples. Line numbers are the HTML source's.
/// </summary>
internal static class HtmlPageReader
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase) { "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "pre", "table", "caption" };

    /// <summary>Reads <paramref name="html"/>; <paramref name="name"/> names the page in messages.</summary>
    /// <exception cref="PageImportException">When a row does not fit its table's header.</exception>
    public static PageDocument Read(string html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var document = parser.ParseDocument(html);
        var items = new List<PageItem>();
        foreach (var element in (document.Body?.Descendants<IElement>() ?? []).Where(e => Blocks.Contains(e.LocalName)))
        {
            // Tables are read whole; blocks inside a table or a list item are part of it.
            if (element.LocalName != "table" && element.Ancestors<IHtmlTableElement>().Any()) continue;
            if (element.LocalName is not ("li" or "table") && element.Ancestors<IElement>().Any(a => a.LocalName is "li" or "pre")) continue;
            if (element.LocalName == "table" && element.Ancestors<IHtmlTableElement>().Any()) continue;
            var line = LineOf(element);
            switch (element)
            {
                case IHtmlTableElement table:
                    items.Add(new PageTableItem(Table(table, items, name)));
                    break;
                case { LocalName: "pre" }:
                    var text = element.TextContent.Trim('\n', '\r');
                    if (IsJson(text)) items.Add(new PageJson(line, text));
                    else items.AddRange(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => new PageText(line, l)));
                    break;
                case { LocalName: "caption" }:
                    break;
                default:
                    var content = Collapse(element.TextContent);
                    if (content.Length > 0) items.Add(new PageText(line, content));
                    break;
            }
        }

        return new PageDocument(name, items);
    }

    private static PageTable Table(IHtmlTableElement table, List<PageItem> items, string page)
    {
        var line = LineOf(table);
        string? caption = table.Caption is { } c ? Collapse(c.TextContent) : null;
        if (caption is null && items.Count > 0 && items[^1] is PageText previous)
        {
            if (Vocabulary.CaptionNumber(previous.Text) is not null)
            {
                caption = previous.Text;
                line = previous.Line;
                items.RemoveAt(items.Count - 1);
            }
            else if (Vocabulary.HeadingOf(previous.Text) is not null)
            {
                caption = previous.Text;
                line = previous.Line;
            }
        }

        var rows = table.Rows.ToList();
        if (rows.Count == 0) throw new PageImportException(page, line, $"the table '{caption ?? "without caption"}' has no rows");
        var header = rows[0].Cells.Select(cell => Collapse(cell.TextContent)).ToList();
        var columns = header.Select(h => (h, Vocabulary.ColumnOf(h) ?? ColumnRole.Other)).ToList();
        var label = caption is null ? $"the table without caption at line {line}" : $"'{caption}' (line {line})";
        var result = new List<PageRow>();
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Cells.ToList();
            var rowLine = LineOf(row);
            if (cells.Count != columns.Count)
            {
                throw new PageImportException(page, rowLine, $"table {label}: a row has {cells.Count} cells where the header has {columns.Count} columns ({string.Join(" | ", header)})");
            }

            var map = new Dictionary<ColumnRole, PageCell>();
            for (var k = 0; k < cells.Count; k++)
            {
                var text = CellText(cells[k]);
                if (text.Length > 0 && !map.ContainsKey(columns[k].Item2)) map[columns[k].Item2] = new PageCell(text, LineOf(cells[k]));
            }

            result.Add(new PageRow(rowLine, map));
        }

        return new PageTable(caption, line, columns, result, Flat: result.Any(r => !r.Cells.ContainsKey(ColumnRole.Name)) && columns.Any(c => c.Item2 == ColumnRole.Name));
    }

    // A cell's lines: list items as "• value", paragraphs and line breaks as separate lines.
    private static string CellText(IElement cell)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            var text = Collapse(current.ToString());
            if (text.Length > 0) lines.Add(text);
            current.Clear();
        }

        void Visit(INode node)
        {
            switch (node)
            {
                case IElement { LocalName: "li" } li:
                    Flush();
                    lines.Add("• " + Collapse(li.TextContent));
                    return;
                case IElement { LocalName: "br" }:
                    Flush();
                    return;
                case IElement { LocalName: "p" or "div" or "ul" or "ol" } block:
                    Flush();
                    foreach (var child in block.ChildNodes) Visit(child);
                    Flush();
                    return;
                case IElement other:
                    foreach (var child in other.ChildNodes) Visit(child);
                    return;
                default:
                    current.Append(node.TextContent);
                    return;
            }
        }

        foreach (var child in cell.ChildNodes) Visit(child);
        Flush();
        return string.Join('\n', lines);
    }

    private static bool IsJson(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('[')) return false;
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[])[' ', '\t', '\n', '\r', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));

    private static int LineOf(IElement element) => element.SourceReference?.Position.Line ?? 0;
}
