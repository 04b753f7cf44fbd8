using System.CommandLine;
using ApiContracts.Core.Generation;
using ApiContracts.Documents.Diff;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts diff &lt;old&gt; &lt;new&gt;</c>: every change between two definitions, classified by who it breaks.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var old = new Argument<string>("old") { Description = "The old definitions: a .yaml file, a folder of them, or git:<rev>:<path> (such as git:HEAD~1:contracts/apis)." };
        var @new = new Argument<string>("new") { Description = "The new definitions, in the same forms." };
        var (format, failOn, output) = ReportOptions.Create();
        var command = new Command("diff", "Compare two definitions (files, folders or git:<rev>:<path>) and classify every change with its JSON pointer: breaking-for-consumers, breaking-for-providers or compatible, with the reason (rules: docs/diff-rules.md). Exit 0 nothing breaks, 1 something does (see --fail-on), 2 bad input.")
        {
            old, @new, format, failOn, output,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var (formatValue, failValue, target) = ReportOptions.Read(parsed, format, failOn, output);
            var here = Directory.GetCurrentDirectory();
            var before = DefinitionSource.Load(parsed.GetValue(old)!, here).Select(DefinitionView.Of).ToList();
            var after = DefinitionSource.Load(parsed.GetValue(@new)!, here).Select(DefinitionView.Of).ToList();
            var changes = ContractDiff.Compare(before, after);
            var report = DiffReport.Write(changes, formatValue, failValue, $"apicontracts diff {parsed.GetValue(old)} {parsed.GetValue(@new)}");
            return ReportOptions.Emit(context, report, target, changes.Any(c => c.Fails(failValue)) ? ExitCodes.Invalid : ExitCodes.Ok);
        }));
        return command;
    }
}

/// <summary>The report options <c>diff</c> and <c>drift</c> share.</summary>
internal static class ReportOptions
{
    public static (Option<string> Format, Option<string> FailOn, Option<string?> Output) Create()
    {
        var format = new Option<string>("--format") { Description = "text, json, junit or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit", "markdown");
        var failOn = new Option<string>("--fail-on") { Description = "Which breaking changes make the exit code 1: consumers, providers or any.", DefaultValueFactory = _ => "any" };
        failOn.AcceptOnlyFromAmong("consumers", "providers", "any");
        var output = new Option<string?>("--out") { Description = "Write the report to this file (atomically) instead of standard output." };
        return (format, failOn, output);
    }

    public static (ReportFormat Format, FailOn FailOn, string? Output) Read(ParseResult parsed, Option<string> format, Option<string> failOn, Option<string?> output)
    {
        var target = parsed.GetValue(output);
        if (target is not null) AtomicFile.CheckTarget(target, $"--out {target}");
        return (Enum.Parse<ReportFormat>(parsed.GetValue(format)!, ignoreCase: true), Enum.Parse<FailOn>(parsed.GetValue(failOn)!, ignoreCase: true), target);
    }

    public static int Emit(CliContext context, string report, string? target, int exit)
    {
        if (target is null)
        {
            context.Output.Write(report);
            return exit;
        }

        return Interrupt.Run(context, $"{target} was not written (it keeps what it held) and no partial file is left", cancel =>
        {
            AtomicFile.Write(target, report, cancel);
            context.Output.WriteLine($"report written to {target}");
            return exit;
        });
    }
}
