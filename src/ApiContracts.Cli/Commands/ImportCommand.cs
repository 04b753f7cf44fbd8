using System.CommandLine;
using ApiContracts.Core.Generation;
using ApiContracts.Documents.Import;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts import &lt;page&gt; --out &lt;file.yaml&gt;</c>: a documentation page to a definition draft.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var page = new Argument<string>("page") { Description = "The page saved as text (as in contracts/sources) or as HTML (.html, .htm)." };
        var id = new Option<string?>("--id") { Description = "The API id of the draft (default: the page's file name without extension)." };
        var provider = new Option<string?>("--provider") { Description = "The provider the API belongs to (servicestage, pai-dsw, evs, ...); TODO in the draft when not given." };
        var output = new Option<string>("--out") { Description = "The draft to write (a new path or a regular file, written atomically; nothing is written on failure), or - for standard output.", Required = true };
        var command = new Command("import", "Read an API reference page (Huawei Cloud in English or Chinese, Alibaba Cloud OpenAPI, pipe tables) into a definition draft: every table row with its name, mandatory flag (unknown when the page has no value), type and the page's text, constraints read from unambiguous wording with their sentence, the request line, statuses, error code line and examples verbatim, and open questions as draft assumptions. Exit 0 written, 2 a page it does not recognise (naming the line).")
        {
            page, id, provider, output,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var file = parsed.GetValue(page)!;
            var target = parsed.GetValue(output)!;
            if (target != "-") AtomicFile.CheckTarget(target, $"--out {target}");
            // The whole draft is built in memory first: a page that cannot be read stops here, before any write.
            var imported = PageImporter.ImportFile(file, parsed.GetValue(id), parsed.GetValue(provider));
            var draft = DraftWriter.Write(imported);
            var summary = $"import: {file} ({imported.Family}, {imported.Language}): {Rows(imported)} rows in {Tables(imported)} tables, {Constraints(imported)} constraints read from the page, {imported.RequestExamples.Count + imported.ResponseExamples.Count + imported.ErrorExamples.Count} examples, {imported.Questions.Count} open questions (draft assumptions A1..A{imported.Questions.Count})";
            if (target == "-")
            {
                context.Output.Write(draft);
                context.Err.WriteLine(summary);
                return ExitCodes.Ok;
            }

            return Interrupt.Run(context, $"{target} was not written (it keeps what it held) and no partial file is left", cancel =>
            {
                AtomicFile.Write(target, draft, cancel);
                context.Output.WriteLine($"{summary} -> {target}");
                return ExitCodes.Ok;
            });
        }));
        return command;
    }

    private static IEnumerable<ImportedTable> All(ImportedPage page) =>
        page.Request.Values.Concat(new[] { page.Response, page.Errors }.OfType<ImportedTable>()).SelectMany(Nested);

    private static IEnumerable<ImportedTable> Nested(ImportedTable table) =>
        new[] { table }.Concat(table.Rows.SelectMany(r => new[] { r.Fields, r.Items?.Fields }.OfType<ImportedTable>()).SelectMany(Nested));

    private static int Tables(ImportedPage page) => All(page).Select(t => (t.Caption, t.Line)).Distinct().Count();

    private static int Rows(ImportedPage page) => All(page).Sum(t => t.Rows.Count);

    private static int Constraints(ImportedPage page) => All(page).Sum(t => t.Rows.Sum(r => r.Constraints.Count));
}
