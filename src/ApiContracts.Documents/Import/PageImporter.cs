using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

/// <summary>
/// Turns a page (text or HTML) into what it states: the request line, every table row with its name,
/// Mandatory cell, type and description, nested tables, constraints read from unambiguous wording, the
/// status table, the error code line and the examples, verbatim. What it cannot decide becomes an open question.
/// </summary>
public static partial class PageImporter
{
    /// <summary>Reads the page file at <paramref name="path"/> (<c>.html</c>/<c>.htm</c> as HTML, anything else as text).</summary>
    /// <exception cref="PageImportException">When the page is not one the importer recognises, naming the line.</exception>
    public static ImportedPage ImportFile(string path, string? id = null, string? provider = null, string? shownAs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = shownAs ?? path;
        if (!File.Exists(path)) throw new FileNotFoundException($"{name}: no such page file");
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new PageImportException($"{name}: not UTF-8 text; save the page as UTF-8");
        }

        var html = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
        var document = html ? HtmlPageReader.Read(text, name) : TextPageReader.Read(text, name);
        return Import(document, id ?? IdOf(path), provider);
    }

    /// <summary>The API id a page's file name suggests: its name without extension.</summary>
    public static string IdOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Reads a page already split into lines, tables and examples.</summary>
    /// <exception cref="PageImportException">When the page is not one the importer recognises, naming the line.</exception>
    public static ImportedPage Import(PageDocument document, string id, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Walk(document, id, provider).Run();
    }

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE|HEAD)\s+(?:(?:https?://)?(?<host>\{[A-Za-z_]+\}|[A-Za-z0-9.\-]+(?::[0-9]+)?)(?=/))?(?<path>/[^\s?]*)(?:\?(?<query>\S+))?(?:\s+HTTP/[0-9.]+)?$")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^(?:Updated on|更新时间[:：]?)\s*(?<d>.+)$")]
    private static partial Regex UpdatedOn();

    [GeneratedRegex(@"(?:error code format is|错误码格式为[:：]?)\s*(?<f>[A-Za-z0-9_.\[\]]+?)[,，。]\s*(?:for example|例如)[,，:：]?\s*(?<e>[A-Za-z0-9_.]+?)[.。]?(?:\s|$|[,，]|For|错误码)")]
    private static partial Regex ErrorCodeLine();

    private sealed partial class Walk(PageDocument document, string id, string? provider)
    {
        private readonly List<OpenQuestion> _questions = [];
        private readonly List<(PageTable Table, Vocabulary.Section Section)> _tables = [];
        private readonly List<(PageJson Json, Vocabulary.Section? Section)> _json = [];
        private readonly List<(int Status, string Description)> _statuses = [];
        private ImportedOperation? _operation;
        private ErrorCodeFormat? _errorCode;
        private string? _breadcrumb;
        private string? _updated;
        private string? _title;
        private bool _chinese;

        private string Page => document.Name;

        public ImportedPage Run()
        {
            Place();
            if (_operation is null)
            {
                var first = document.Items.OfType<PageText>().FirstOrDefault();
                throw new PageImportException(Page, first?.Line ?? 1, $"'{Shorten(first?.Text ?? string.Empty)}' is where placing stopped: the page has no request line (such as 'GET /v2/{{project_id}}/snapshots' or 'GET https://{{endpoint}}/...'), so it is not a page the importer recognises (Huawei Cloud or Alibaba Cloud API reference, or a pipe-table page)");
            }

            var family = _tables.Any(t => t.Table.Has(ColumnRole.Example) || t.Table.Flat) ? "alibaba"
                : _tables.Any(t => t.Table.Caption is { } c && Vocabulary.CaptionNumber(c) is not null) ? "huawei"
                : "pipe";
            var tables = new TableReader(this);
            tables.Read();
            var success = SuccessStatus(tables.ResponseExamples.Count > 0);
            if (tables.Errors is null)
            {
                Ask("/errors", _errorCode is { } code
                    ? $"The page gives the error code format {code.Format} (for example {code.Example}) but not the error body: which members does an error answer have?"
                    : "The page documents no error body: what does an error answer look like, and which code goes with each status?", _errorCode?.Line ?? _operation.Line);
            }
            return new ImportedPage(
                id, provider, Page, family, _chinese ? "zh" : "en", _breadcrumb, _title, _updated, _operation, _statuses, success,
                tables.Request, tables.Response, tables.Errors, _errorCode, tables.RequestExamples, tables.ResponseExamples, tables.ErrorExamples,
                _questions.DistinctBy(q => (q.About, q.Text)).ToList());
        }

        public void Ask(string about, string text, int line) => _questions.Add(new OpenQuestion(about, text, line));

        public void Retract(string about, string containing) => _questions.RemoveAll(q => q.About == about && q.Text.Contains(containing, StringComparison.Ordinal));

        public ImportedOperation Operation => _operation!;

        public IReadOnlyList<(PageTable Table, Vocabulary.Section Section)> Tables => _tables;

        public IReadOnlyList<(PageJson Json, Vocabulary.Section? Section)> Payloads => _json;

        public string Name => Page;

        public int SuccessPointerStatus => _statuses.Where(s => s.Status is >= 200 and < 300).Select(s => s.Status).DefaultIfEmpty(200).First() is var s && s == 204 ? 200 : s;

        // Every line of the page is placed in a section; a line no section can hold stops the import.
        private void Place()
        {
            Vocabulary.Section? section = null;
            foreach (var item in document.Items)
            {
                switch (item)
                {
                    case PageText text:
                        _chinese |= text.Text.Any(c => c is >= '\u4e00' and <= '\u9fff');
                        if (Vocabulary.HeadingOf(text.Text) is { } heading)
                        {
                            section = heading;
                        }
                        else if (RequestLine().Match(text.Text) is { Success: true } m && _operation is null)
                        {
                            var host = m.Groups["host"].Success ? m.Groups["host"].Value : null;
                            _operation = new ImportedOperation(m.Groups["method"].Value, m.Groups["path"].Value, host, m.Groups["query"].Success ? m.Groups["query"].Value : null, text.Line);
                            section ??= Vocabulary.Section.Parameters;
                        }
                        else if (section is null)
                        {
                            Intro(text);
                        }
                        else if (section == Vocabulary.Section.ErrorCode && ErrorCodeLine().Match(text.Text) is { Success: true } code)
                        {
                            _errorCode = new ErrorCodeFormat(code.Groups["f"].Value, code.Groups["e"].Value, text.Text, text.Line);
                        }
                        else if (section is Vocabulary.Section.Parameters or Vocabulary.Section.Status && !IsNone(text.Text) && _json.Count == 0)
                        {
                            throw new PageImportException(Page, text.Line, $"'{Shorten(text.Text)}' could not be placed: in the {(section == Vocabulary.Section.Status ? "status code" : "parameter")} part of the page only a request line, a table caption ('Table N ...' / '表N ...'), a table or a section heading is expected");
                        }

                        break;
                    case PageTableItem table:
                        var at = section ?? Vocabulary.Section.Prose;
                        if (table.Table.Has(ColumnRole.Status))
                        {
                            foreach (var row in table.Table.Rows)
                            {
                                _statuses.Add((int.Parse(row.Text(ColumnRole.Status)!, CultureInfo.InvariantCulture), row.Text(ColumnRole.Description) ?? string.Empty));
                            }
                        }
                        else if (!table.Table.Has(ColumnRole.Name) || !table.Table.Has(ColumnRole.Type))
                        {
                            if (at != Vocabulary.Section.Authorization)
                            {
                                throw new PageImportException(Page, table.Line, $"table {table.Table.Label}: its columns ({string.Join(" | ", table.Table.Columns.Select(c => c.Header))}) are not a parameter table's (a name, a type and a description) nor a status table's");
                            }
                        }
                        else
                        {
                            if (_operation is null)
                            {
                                throw new PageImportException(Page, table.Line, $"table {table.Table.Label} comes before any request line ('GET /path'); the importer cannot tell what it describes");
                            }

                            _tables.Add((table.Table, at));
                        }

                        break;
                    case PageJson json:
                        _json.Add((json, section));
                        break;
                }
            }
        }

        private void Intro(PageText text)
        {
            if (UpdatedOn().Match(text.Text) is { Success: true } updated) _updated ??= updated.Groups["d"].Value.Trim();
            else if (text.Text.Contains('>', StringComparison.Ordinal) && _breadcrumb is null) _breadcrumb = text.Text;
            else _title ??= text.Text;
        }

        private static bool IsNone(string text) => text is "None" or "无" or "N/A";

        private int? SuccessStatus(bool hasResponseExample)
        {
            var success = _statuses.Where(s => s.Status is >= 200 and < 300).ToList();
            if (_statuses.Count == 0)
            {
                Ask("/operation/success_status", "The page has no status table: which status does a successful call answer with?", _operation!.Line);
                return null;
            }

            if (success.Count != 1)
            {
                Ask("/operation/success_status", $"The status table lists {success.Count} success statuses ({string.Join(", ", success.Select(s => s.Status))}): which one does a call answer with?", _operation!.Line);
                return null;
            }

            if (success[0].Status == 204 && hasResponseExample)
            {
                Ask("/operation/success_status", $"The status table gives 204 (\"{success[0].Description}\") for success, but the page's example response has a body, which a 204 cannot carry: which status does a successful call answer with?", _operation!.Line);
                return null;
            }

            return success[0].Status;
        }

        public static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text;

        public static JsonNode? ParseJson(string json) => JsonNode.Parse(json);
    }
}
