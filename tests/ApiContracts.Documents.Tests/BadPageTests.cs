using ApiContracts.Core.Tests;
using ApiContracts.Documents.Import;

namespace ApiContracts.Documents.Tests;

/// <summary>Pages the importer cannot read: the message names the first line it could not place, or the table and its line.</summary>
public class BadPageTests
{
    [Fact]
    public void UnrecognisedPage_NamesTheFirstLineItCouldNotPlace()
    {
        var ex = Assert.Throws<PageImportException>(() => Import("# Release notes\n\nVersion 2 adds nothing.\n", "txt"));

        Assert.Equal(1, ex.Line);
        Assert.Contains("# Release notes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no request line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayLineInTheParameterPart_IsNamedWithItsLine()
    {
        var text = Page("servicestage-instance-snapshots").Replace("Table 1 Path parameters", "This line belongs nowhere.\n\nTable 1 Path parameters", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(text, "txt"));

        Assert.Equal(LineOf(text, "This line belongs nowhere."), ex.Line);
        Assert.Contains("could not be placed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HuaweiRowWithoutAType_NamesTheTableAndLine()
    {
        var text = Page("servicestage-instance-snapshots").Replace("limit\n\nNo\n\nInteger", "limit\n\nNo\n\nWhole number", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(text, "txt"));

        Assert.Equal(LineOf(text, "limit"), ex.Line);
        Assert.Contains("'Table 2 Query parameters'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PipeRowWithoutAType_NamesTheRowAndLine()
    {
        var text = Page("evs-snapshots-detail").Replace("count |\nInteger |", "count |\nWhole number |", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(text, "txt"));

        Assert.Equal(LineOf(text, "count |"), ex.Line);
        Assert.Contains("the row 'count' does not fit the columns Parameter | Type | Description", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlRowWithTooFewCells_NamesTheTableAndLine()
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pages", "servicestage-instance-action.html"))
            .Replace("<tr><td>replica</td><td>No</td><td>Integer</td>", "<tr><td>replica</td><td>Integer</td>", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(html, "html"));

        Assert.Equal(LineOf(html, "<tr><td>replica</td>"), ex.Line);
        Assert.Contains("'Table 4 parameters description'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 cells where the header has 4 columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlTableWithUnknownColumns_NamesTheTable()
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pages", "servicestage-instance-action.html"))
            .Replace("<tr><th>Parameter</th><th>Type</th><th>Description</th></tr>", "<tr><th>Field</th><th>Kind</th><th>Notes</th></tr>", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(html, "html"));

        Assert.Contains("'Table 5 Response parameters'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Field | Kind | Notes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableNothingRefersTo_CannotBePlaced()
    {
        var text = Page("servicestage-instance-snapshots").Replace("Snapshot parameters. See Table 5.", "Snapshot parameters.", StringComparison.Ordinal);

        var ex = Assert.Throws<PageImportException>(() => Import(text, "txt"));

        Assert.Contains("'Table 5 snapshot parameters'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be placed", ex.Message, StringComparison.Ordinal);
    }

    private static string Page(string id) => File.ReadAllText(Path.Combine(Repo.Sources, id + ".txt")).ReplaceLineEndings("\n");

    private static int LineOf(string text, string line) => text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Trim() == line.Trim() || x.l.Trim().StartsWith(line, StringComparison.Ordinal)).i + 1;

    private static ImportedPage Import(string text, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), "apicontracts-import-tests", Path.GetRandomFileName() + "." + extension);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return PageImporter.ImportFile(file, "x");
    }
}
