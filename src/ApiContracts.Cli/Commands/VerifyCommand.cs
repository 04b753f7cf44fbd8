using System.CommandLine;
using System.Text.Json.Nodes;
using ApiContracts.Core.Generation;
using ApiContracts.Core.Json;
using ApiContracts.Pact.Verification;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts verify</c>: the Pact engine's provider verification, with JUnit and JSON reports.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var provider = new Option<string>("--provider-url") { Description = "The provider's base URL, e.g. http://127.0.0.1:8080.", Required = true };
        var pacts = new Option<string[]>("--pacts") { Description = "Pact files or folders (default: contracts/pacts of your project, or the reference pacts of the built-in definitions).", AllowMultipleArgumentsPerToken = true };
        var state = new Option<string?>("--state-change-url") { Description = "The provider's state-change endpoint (the stub server's is /__stub/provider-states)." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here." };
        var json = new Option<string?>("--json") { Description = "Write the engine's JSON report here." };
        var timeout = new Option<int>("--timeout-ms") { Description = "Per-request timeout.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("verify", "Verify a provider against pacts with the official Pact engine. Exit 0 all pass, 1 a failure, 2 bad input.")
        {
            provider, pacts, state, junit, json, timeout,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            if (!Uri.TryCreate(parsed.GetValue(provider), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                context.Fail($"--provider-url '{parsed.GetValue(provider)}': an absolute http(s) URL is required");
                return ExitCodes.BadInput;
            }

            Uri? stateUrl = null;
            if (parsed.GetValue(state) is { } s && !Uri.TryCreate(s, UriKind.Absolute, out stateUrl))
            {
                context.Fail($"--state-change-url '{s}': an absolute URL is required");
                return ExitCodes.BadInput;
            }

            // Report targets are checked before the verification runs: a device, FIFO, folder or link is refused at once.
            if (parsed.GetValue(junit) is { } junitTarget) AtomicFile.CheckTarget(junitTarget, $"--junit {junitTarget}");
            if (parsed.GetValue(json) is { } jsonTarget) AtomicFile.CheckTarget(jsonTarget, $"--json {jsonTarget}");

            var workspace = parsed.GetValue(pacts) is { Length: > 0 } ? null : RepositoryRoot.Resolve(parsed.GetValue(rootOption));
            using var builtIn = workspace is { IsBuiltIn: true } ? BuiltInPacts.Write(workspace.LoadCatalog()) : null;
            var sources = parsed.GetValue(pacts) is { Length: > 0 } given
                ? given
                : [builtIn?.Folder ?? Path.Combine(workspace!.Root!, "contracts", "pacts")];
            var result = ProviderVerifier.Verify(new VerificationOptions(url, sources, stateUrl, TimeSpan.FromMilliseconds(parsed.GetValue(timeout))));
            foreach (var group in result.Interactions.GroupBy(i => i.Pact))
            {
                context.Output.WriteLine($"{Path.GetFileName(group.Key)} ({group.First().Provider})");
                foreach (var interaction in group)
                {
                    context.Output.WriteLine($"  {(interaction.Passed ? "passed" : "FAILED")}  {interaction.Description}");
                    foreach (var mismatch in interaction.Mismatches) context.Output.WriteLine($"          {mismatch}");
                }
            }

            var reports = Interrupt.Run(context, "the report being written keeps its old content and no temporary file is left", cancel =>
            {
                if (parsed.GetValue(junit) is { } junitFile) AtomicFile.Write(junitFile, JUnitReport.Write(result), cancel);
                if (parsed.GetValue(json) is { } jsonFile) AtomicFile.Write(jsonFile, CanonicalJson.Write(new JsonArray(result.Json.Select(j => j.DeepClone()).ToArray())), cancel);
                return ExitCodes.Ok;
            });
            if (reports != ExitCodes.Ok) return reports;
            context.Output.WriteLine($"verify: {JUnitReport.Summary(result)}");
            return result.Passed ? ExitCodes.Ok : ExitCodes.Invalid;
        }));
        return command;
    }
}

/// <summary>The reference pacts of the built-in definitions, written to a temporary folder for the verifier and removed after.</summary>
internal sealed class BuiltInPacts : IDisposable
{
    private readonly string _root;

    private BuiltInPacts(string root) => _root = root;

    /// <summary>The folder holding the pact files.</summary>
    public string Folder => Path.Combine(_root, "contracts", "pacts");

    public static BuiltInPacts Write(Core.ContractCatalog catalog)
    {
        var set = new ArtifactSet();
        Pact.Contracts.ReferencePacts.AddTo(set, catalog);
        var root = Directory.CreateTempSubdirectory("apicontracts-pacts-").FullName;
        set.Write(root);
        return new BuiltInPacts(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
