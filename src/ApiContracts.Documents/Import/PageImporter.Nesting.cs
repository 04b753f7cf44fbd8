using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

// Nested tables: by number, by name, and the error row of an OpenStack-style response table.
public static partial class PageImporter
{
    private sealed partial class TableReader
    {
        // The table a row refers to: "See Table 5" by number, or "see Parameters in the snapshots field" by
        // name when the page prints no captions: then the next unused table without a caption, if the page's
        // examples show its names inside this row's value.
        private PageTable? Nested(PageTable table, PageRow row)
        {
            if (References(row) is { } n)
            {
                return walk.Tables.Select(t => t.Table).FirstOrDefault(t => t.Caption is { } c && Vocabulary.CaptionNumber(c) == n)
                    ?? throw new PageImportException(walk.Name, row.Line, $"table {table.Label}: the row '{row.Text(ColumnRole.Name)}' refers to Table {n}, which the page does not have");
            }

            if (row.Text(ColumnRole.Description) is not { } text || NamedReference().Match(text) is not { Success: true } named) return null;
            var name = row.Text(ColumnRole.Name) ?? string.Empty;
            var candidate = walk.Tables.Select(t => t.Table).FirstOrDefault(t => t.Caption is null && !_used.Contains(t) && t != table);
            if (candidate is null || !ShownInside(name, candidate)) return null;
            _used.Add(candidate);
            return candidate with { Caption = named.Groups["x"].Value };
        }

        private bool ShownInside(string name, PageTable table)
        {
            var names = table.Rows.Select(r => r.Text(ColumnRole.Name)).OfType<string>().ToList();
            foreach (var (json, _) in walk.Payloads)
            {
                var value = Walk.ParseJson(json.Json) is JsonObject o ? o[name] : null;
                var sample = value is JsonArray a ? a.FirstOrDefault() : value;
                if (sample is JsonObject member && names.Any(member.ContainsKey)) return true;
            }

            return false;
        }

        // A success-table row that the page describes as the error returned (EVS: "error ... returned if an
        // error occurs") is the error body: its nested table becomes the error model.
        private void MoveErrorRow()
        {
            if (Response is null) return;
            var row = Response.Rows.FirstOrDefault(r => r.Type == FieldType.Object && r.Fields is not null && ErrorWording().IsMatch(r.DocText));
            if (row is null) return;
            Errors = row.Fields;
            Response = Response with { Rows = Response.Rows.Where(r => r != row).ToList() };
            walk.Ask("/errors", $"The response table lists '{row.Name}' (\"{row.DocText}\"); it is read as the error body, not as a member of a successful answer.", row.Line);
        }
    }
}
