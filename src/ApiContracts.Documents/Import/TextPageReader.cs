using System.Text;
using System.Text.Json;

namespace ApiContracts.Documents.Import;

/// <summary>
/// Reads a page saved as text into lines, tables and examples. Two table forms are known: Huawei Cloud's,
/// where a caption (<c>Table 2 Query parameters</c>, <c>表2 查询参数</c>) is followed by one cell per line
/// (rows are told apart by their name and type cells, since nothing else separates them), and pipe tables
/// (<c>count |</c>, <c>Integer |</c>...), as Alibaba Cloud and EVS pages are saved.
/// </summary>
internal sealed class TextPageReader
{
    private readonly string _name;
    private readonly string[] _lines;
    private readonly List<PageItem> _items = [];

    private TextPageReader(string text, string name)
    {
        _name = name;
        _lines = text.ReplaceLineEndings("\n").Split('\n');
    }

    /// <summary>Reads <paramref name="text"/>; <paramref name="name"/> names the page in messages.</summary>
    /// <exception cref="PageImportException">When a table's rows do not fit its columns.</exception>
    public static PageDocument Read(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new TextPageReader(text.TrimStart('\uFEFF'), name);
        reader.ReadAll();
        return new PageDocument(name, reader._items);
    }

    private string Line(int i) => i < _lines.Length ? _lines[i].Trim() : string.Empty;

    private int NextContent(int i)
    {
        while (i < _lines.Length && Line(i).Length == 0) i++;
        return i;
    }

    private void ReadAll()
    {
        var i = 0;
        while ((i = NextContent(i)) < _lines.Length)
        {
            var line = Line(i);
            if (JsonAt(i) is { } json)
            {
                _items.Add(new PageJson(i + 1, json.Text));
                i = json.Next;
            }
            else if (line.Contains('|', StringComparison.Ordinal))
            {
                i = ReadPipeRegion(i);
            }
            else if (Vocabulary.CaptionNumber(line) is not null && HeaderRun(NextContent(i + 1)).Count >= 2)
            {
                i = ReadLineTable(caption: line, captionLine: i, NextContent(i + 1));
            }
            else if (HeaderRun(i).Count >= 2)
            {
                i = ReadLineTable(caption: null, captionLine: i, i);
            }
            else
            {
                _items.Add(new PageText(i + 1, line));
                i++;
            }
        }
    }

    // The longest run of distinct column headers starting at line i (one per line).
    private List<(string Header, ColumnRole Role, int Line)> HeaderRun(int i)
    {
        var run = new List<(string, ColumnRole, int)>();
        var seen = new HashSet<ColumnRole>();
        for (i = NextContent(i); i < _lines.Length; i = NextContent(i + 1))
        {
            var line = Line(i);
            if (Vocabulary.ColumnOf(line) is not { } role || role == ColumnRole.Other || !seen.Add(role)) break;
            run.Add((line, role, i));
        }

        return run.Count >= 2 && run[0].Item2 is ColumnRole.Name or ColumnRole.Status ? run : [];
    }

    private int ReadLineTable(string? caption, int captionLine, int headerStart)
    {
        var header = HeaderRun(headerStart);
        var columns = header.Select(h => (h.Header, h.Role)).ToList();
        var table = new PageTable(caption, captionLine + 1, columns, [], Flat: false);
        var i = NextContent(header[^1].Line + 1);
        var rows = new List<PageRow>();
        while (i < _lines.Length && !EndsTable(i))
        {
            if (!RowStartsAt(i, table))
            {
                throw new PageImportException(_name, i + 1, $"table {table.Label}: '{Line(i)}' does not start a row of its columns ({string.Join(" | ", columns.Select(c => c.Header))}): {Expected(table)}");
            }

            var cells = new Dictionary<ColumnRole, PageCell>();
            var start = i;
            cells[table.Has(ColumnRole.Status) ? ColumnRole.Status : ColumnRole.Name] = new PageCell(Line(i), i + 1);
            i = NextContent(i + 1);
            if (table.Has(ColumnRole.Mandatory) && Vocabulary.YesNo(Line(i)) is not null)
            {
                cells[ColumnRole.Mandatory] = new PageCell(Line(i), i + 1);
                i = NextContent(i + 1);
            }

            if (table.Has(ColumnRole.Type))
            {
                cells[ColumnRole.Type] = new PageCell(Line(i), i + 1);
                i = NextContent(i + 1);
            }

            var description = new List<string>();
            var descriptionLine = i + 1;
            while (i < _lines.Length && !EndsTable(i) && !RowStartsAt(i, table))
            {
                description.Add(Bullet(Line(i)));
                i = NextContent(i + 1);
            }

            if (description.Count > 0) cells[ColumnRole.Description] = new PageCell(string.Join('\n', description), descriptionLine);
            rows.Add(new PageRow(start + 1, cells));
        }

        if (rows.Count == 0)
        {
            throw new PageImportException(_name, i + 1, $"table {table.Label} has a header but no rows: {Expected(table)}");
        }

        _items.Add(new PageTableItem(table with { Rows = rows }));
        return i;
    }

    private static string Expected(PageTable table) => table.Has(ColumnRole.Status)
        ? "a row starts with a three-digit status"
        : table.Has(ColumnRole.Mandatory)
            ? "a row is a name, Yes or No (when given) and a type such as String, Integer, Boolean, Object or Array of objects"
            : "a row is a name and a type such as String, Integer, Boolean, Object or Array of objects";

    private bool RowStartsAt(int i, PageTable table)
    {
        var line = Line(i);
        if (table.Has(ColumnRole.Status)) return line.Length == 3 && line.All(char.IsAsciiDigit) && line[0] is >= '1' and <= '5';
        if (!Vocabulary.IsName(line)) return false;
        var next = NextContent(i + 1);
        if (!table.Has(ColumnRole.Type)) return true;
        if (Vocabulary.IsType(Line(next))) return true;
        return table.Has(ColumnRole.Mandatory) && Vocabulary.YesNo(Line(next)) is not null && Vocabulary.IsType(Line(NextContent(next + 1)));
    }

    private bool EndsTable(int i)
    {
        var line = Line(i);
        return Vocabulary.CaptionNumber(line) is not null
            || Vocabulary.HeadingOf(line) is not null
            || line.Contains('|', StringComparison.Ordinal)
            || line.StartsWith('{')
            || HeaderRun(i).Count >= 2;
    }

    private static string Bullet(string line) =>
        line.StartsWith('•') || line.StartsWith('·') ? "• " + line[1..].Trim() : line;

    // A JSON payload starting at line i: the lines up to the one closing its first bracket, when they parse.
    private (string Text, int Next)? JsonAt(int i)
    {
        var first = Line(i);
        if (!first.StartsWith('{') && !(first.StartsWith('[') && first.Length > 1 && first[1] is '{' or '[' or '"' || first == "[")) return null;
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var j = i; j < _lines.Length; j++)
        {
            foreach (var c in _lines[j])
            {
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                }
                else if (c == '"') inString = true;
                else if (c is '{' or '[') depth++;
                else if (c is '}' or ']') depth--;
            }

            if (depth > 0) continue;
            var text = string.Join('\n', _lines[i..(j + 1)]).TrimEnd();
            try
            {
                using var _ = JsonDocument.Parse(text);
                return (text, j + 1);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    // Pipe tables: cells end with '|'; a cell without one continues on the next line. Consecutive tables
    // in one run of lines are told apart by a new header row.
    private int ReadPipeRegion(int start)
    {
        var end = start;
        while (true)
        {
            var next = NextContent(end + 1);
            if (next >= _lines.Length) break;
            var line = Line(next);
            if (line.Contains('|', StringComparison.Ordinal)) { end = next; continue; }
            if (Vocabulary.HeadingOf(line) is not null || JsonAt(next) is not null) break;
            var after = NextContent(next + 1);
            if (after < _lines.Length && Line(after).Contains('|', StringComparison.Ordinal)) { end = next; continue; }
            break;
        }

        var caption = _items.Count > 0 && _items[^1] is PageText previous && Vocabulary.HeadingOf(previous.Text) is not null ? previous.Text : null;
        var cells = PipeCells(start, end);
        foreach (var table in PipeTables.Split(cells, caption, start + 1, _name)) _items.Add(new PageTableItem(table));
        return end + 1;
    }

    private List<PageCell> PipeCells(int start, int end)
    {
        var cells = new List<PageCell>();
        var pending = new StringBuilder();
        var pendingLine = 0;
        for (var i = start; i <= end; i++)
        {
            var parts = _lines[i].Split('|');
            for (var k = 0; k < parts.Length; k++)
            {
                var text = parts[k].Trim();
                if (k < parts.Length - 1)
                {
                    if (pending.Length > 0)
                    {
                        if (text.Length > 0) pending.Append('\n').Append(text);
                        cells.Add(new PageCell(pending.ToString(), pendingLine));
                        pending.Clear();
                    }
                    else
                    {
                        cells.Add(new PageCell(text, i + 1));
                    }
                }
                else if (text.Length > 0)
                {
                    if (pending.Length == 0) pendingLine = i + 1;
                    else pending.Append('\n');
                    pending.Append(text);
                }
            }
        }

        if (pending.Length > 0) cells.Add(new PageCell(pending.ToString(), pendingLine));
        return cells.Where(c => c.Text.Length > 0 && !IsSeparator(c.Text)).ToList();
    }

    private static bool IsSeparator(string cell) => cell.All(c => c is '-' or ':' or ' ') && cell.Contains("---", StringComparison.Ordinal);
}
