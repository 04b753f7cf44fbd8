namespace ApiContracts.Documents.Import;

/// <summary>
/// Splits the cells of a run of pipe-table lines into tables and rows. Saved pipe tables lose their row
/// separators and many empty cells, so rows are found by their cells' shape: a row is a name (absent for a
/// nameless item row), a type, Yes or No when the table has that column, a description and, when the table
/// has one, an example; a new header row starts a new table.
/// </summary>
internal static class PipeTables
{
    /// <summary>The tables in <paramref name="cells"/> (non-empty cells in page order).</summary>
    /// <exception cref="PageImportException">When a row does not fit its table's columns.</exception>
    public static List<PageTable> Split(IReadOnlyList<PageCell> cells, string? caption, int firstLine, string page)
    {
        var tables = new List<PageTable>();
        var p = 0;
        while (p < cells.Count)
        {
            var header = Header(cells, p);
            if (header.Count < 2)
            {
                throw new PageImportException(page, cells[p].Line, $"a pipe table {(caption is null ? string.Empty : $"under '{caption}' ")}starts with '{cells[p].Text}' where a header row was expected (Parameter | Type | Description, with Mandatory, Required or Example when the page has them)");
            }

            var line = tables.Count == 0 && caption is not null ? firstLine : cells[p].Line;
            p += header.Count;
            var columns = header.Select(h => (h.Text, Vocabulary.ColumnOf(h.Text)!.Value)).ToList();
            var table = new PageTable(tables.Count == 0 ? caption : null, line, columns, [], Flat: false);
            var rows = new List<PageRow>();
            if (!table.Has(ColumnRole.Name) || !table.Has(ColumnRole.Type))
            {
                // A table the importer does not read (RAM authorization): its cells are kept as one row each.
                while (p < cells.Count && Header(cells, p).Count < 2) rows.Add(new PageRow(cells[p].Line, new Dictionary<ColumnRole, PageCell> { [ColumnRole.Other] = cells[p++] }));
                tables.Add(table with { Rows = rows });
                continue;
            }

            while (p < cells.Count && Header(cells, p).Count < 2)
            {
                var row = new Dictionary<ColumnRole, PageCell>();
                var start = cells[p];
                if (!Vocabulary.IsType(start.Text))
                {
                    if (!Vocabulary.IsName(start.Text) || p + 1 >= cells.Count || !Vocabulary.IsType(cells[p + 1].Text))
                    {
                        var found = p + 1 < cells.Count ? $"'{cells[p + 1].Text}'" : "the end of the table";
                        throw new PageImportException(page, start.Line, $"table {table.Label}: the row '{start.Text}' does not fit the columns {string.Join(" | ", columns.Select(c => c.Text))}: a name is followed by a type such as string, integer or array<object>, found {found}");
                    }

                    row[ColumnRole.Name] = cells[p++];
                }

                row[ColumnRole.Type] = cells[p++];
                if (table.Has(ColumnRole.Mandatory) && p < cells.Count && Vocabulary.YesNo(cells[p].Text) is not null) row[ColumnRole.Mandatory] = cells[p++];
                if (table.Has(ColumnRole.Description) && p < cells.Count && !RowStarts(cells, p)) row[ColumnRole.Description] = cells[p++];
                if (table.Has(ColumnRole.Example) && p < cells.Count && !RowStarts(cells, p)) row[ColumnRole.Example] = cells[p++];
                rows.Add(new PageRow(start.Line, row));
            }

            tables.Add(table with { Rows = rows, Flat = rows.Any(r => !r.Cells.ContainsKey(ColumnRole.Name)) });
        }

        return tables;
    }

    private static bool RowStarts(IReadOnlyList<PageCell> cells, int p) =>
        Vocabulary.IsType(cells[p].Text)
        || Vocabulary.IsName(cells[p].Text) && p + 1 < cells.Count && Vocabulary.IsType(cells[p + 1].Text)
        || Header(cells, p).Count >= 2;

    private static List<PageCell> Header(IReadOnlyList<PageCell> cells, int p)
    {
        var run = new List<PageCell>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (; p < cells.Count && Vocabulary.ColumnOf(cells[p].Text) is not null && seen.Add(cells[p].Text); p++) run.Add(cells[p]);
        return run;
    }
}
