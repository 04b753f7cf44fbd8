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
            var set = Build(workspace.LoadCatalog());
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

    /// <summary>Every artifact of the definitions in <paramref name="catalog"/>.</summary>
    public static ArtifactSet Build(ContractCatalog catalog)
    {
        var set = new ArtifactSet();
        ContractArtifacts.AddTo(set, catalog);
        OpenApiArtifacts.AddTo(set, catalog);
        FixtureArtifacts.AddTo(set, catalog);
        PackWriter.AddTo(set, catalog);
        ReferencePacts.AddTo(set, catalog);
        return set;
    }
}
