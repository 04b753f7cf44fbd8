using System.CommandLine;
using ApiContracts.Documents.Diff;
using ApiContracts.Documents.Drift;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts drift</c>: each source page imported again and compared with its committed definition.</summary>
internal static class DriftCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var api = new Option<string[]>("--api") { Description = "Only these API ids (repeatable; default: every definition).", AllowMultipleArgumentsPerToken = false };
        var (format, failOn, output) = ReportOptions.Create();
        var command = new Command("drift", "Import every page under contracts/sources again and compare it with the committed definition, leaving out our own words and what the definition takes from assumptions. Exit 0 the pages and definitions agree, 1 a page says something else (the changes are listed, classified as diff classifies them), 2 bad input.")
        {
            api, format, failOn, output,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var (formatValue, failValue, target) = ReportOptions.Read(parsed, format, failOn, output);
            var root = RepositoryRoot.Find(parsed.GetValue(rootOption));
            var results = DriftCheck.Run(root, parsed.GetValue(api) ?? []);
            var changes = results.SelectMany(r => r.Changes).ToList();
            var pages = string.Join(", ", results.Select(r => r.Page));
            var report = DiffReport.Write(changes, formatValue, failValue, $"apicontracts drift: {results.Count} page(s) against their definitions ({pages})");
            // Any difference is drift: the page and its definition no longer say the same.
            return ReportOptions.Emit(context, report, target, changes.Count > 0 ? ExitCodes.Invalid : ExitCodes.Ok);
        }));
        return command;
    }
}
