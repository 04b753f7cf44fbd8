using System.CommandLine;
using ApiContracts.Core;
using ApiContracts.Core.Generation;
using ApiContracts.Fixtures.EdgeCases;
using ApiContracts.OpenApi;
using ApiContracts.Pact.Contracts;
using ApiContracts.Stubs.Packs;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts generate [--check]</c>: regenerates every artifact, or checks that none is stale.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a committed artifact differs from what the sources generate." };
        var command = new Command("generate", "Regenerate every artifact from contracts/apis: schemas, API pages, fixture samples, stub packs and reference pacts (atomic and deterministic).") { check };
        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var workspace = RepositoryRoot.Resolve(parsed.GetValue(rootOption));
            if (workspace.Root is not { } root)
            {
                context.Fail($"generate writes its artifacts beside your definitions, and there are none here: run it in a folder with {RepositoryRoot.ConfigFile} or contracts/apis at or above it, or pass --root <dir> (the tool's built-in definitions are read-only)");
                return ExitCodes.BadInput;
            }

            // Everything is built in memory first: a definition error stops the run before any write.
            var set = WithProgress(context, step => Build(Loaded(workspace, step), step));
            if (parsed.GetValue(check))
            {
                var stale = set.Diff(root);
                if (stale.Count == 0)
                {
                    context.Out.WriteLine($"generate --check: {set.Files.Count} artifacts are up to date.");
                    return ExitCodes.Ok;
                }

                context.Fail($"{stale.Count} artifact(s) differ from what the sources generate; run ./generate.cmd and commit:");
                foreach (var change in stale) context.Err.WriteLine($"  {change.Path}: {change.Reason}");
                return ExitCodes.Invalid;
            }

            return Interrupt.Run(context, "the artifact being written keeps its old content and no temporary file is left", cancel =>
            {
                var written = set.Write(root, cancel);
                context.Out.WriteLine($"generate: {set.Files.Count} artifacts, {written.Count} changed.");
                foreach (var change in written) context.Out.WriteLine($"  {change.Path}: {change.Reason}");
                return ExitCodes.Ok;
            });
        }));
        return command;
    }

    /// <summary>The stages <see cref="Build(ContractCatalog, Action{string})"/> reports, in order (the catalog's load first).</summary>
    internal static readonly string[] Stages =
    [
        "reading the definitions", "schemas and API pages", "OpenAPI documents", "fixture samples", "stub packs", "reference pacts",
    ];

    /// <summary>Every artifact of the definitions in <paramref name="catalog"/>.</summary>
    public static ArtifactSet Build(ContractCatalog catalog) => Build(catalog, _ => { });

    /// <summary>Every artifact of the definitions in <paramref name="catalog"/>, naming each stage to <paramref name="step"/> as it starts.</summary>
    internal static ArtifactSet Build(ContractCatalog catalog, Action<string> step)
    {
        var set = new ArtifactSet();
        step(Stages[1]);
        ContractArtifacts.AddTo(set, catalog);
        step(Stages[2]);
        OpenApiArtifacts.AddTo(set, catalog);
        step(Stages[3]);
        FixtureArtifacts.AddTo(set, catalog);
        step(Stages[4]);
        PackWriter.AddTo(set, catalog);
        step(Stages[5]);
        ReferencePacts.AddTo(set, catalog);
        return set;
    }

    private static ContractCatalog Loaded(Workspace workspace, Action<string> step)
    {
        step(Stages[0]);
        return workspace.LoadCatalog();
    }

    // A progress bar over the stages when standard output is a terminal (the first run takes a while);
    // redirected output (CI logs, scripts, ./generate.cmd --check in a pipe) stays as plain as before.
    private static ArtifactSet WithProgress(CliContext context, Func<Action<string>, ArtifactSet> build)
    {
        if (!context.Out.Profile.Capabilities.Interactive) return build(_ => { });
        ArtifactSet? set = null;
        context.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("generate", maxValue: Stages.Length);
                var done = -1;
                set = build(stage =>
                {
                    task.Value = ++done;
                    task.Description = $"generate: {Markup.Escape(stage)}";
                });
                task.Value = Stages.Length;
            });
        return set!;
    }
}
