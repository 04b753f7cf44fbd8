using System.CommandLine;
using ApiContracts.Core;
using ApiContracts.Pact.Contracts;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts check-consumer</c>: a consumer's pact against the definitions.</summary>
internal static class CheckConsumerCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var pact = new Argument<string>("pact") { Description = "The consumer's pact file (any consumer, any language; V2, V3 or V4)." };
        var command = new Command("check-consumer", "Check a consumer pact against the API definitions: requests the APIs accept, responses their schemas allow, matchers they can satisfy. Exit 0 compatible, 1 not, 2 bad input.")
        {
            pact,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var file = parsed.GetValue(pact)!;
            var document = CliInput.ReadPact(file, file);
            var catalog = RepositoryRoot.Resolve(parsed.GetValue(rootOption)).LoadCatalog();
            var problems = new ConsumerPactChecker(catalog).Check(document);
            var interactions = document["interactions"]!.AsArray().Count;
            if (problems.Count == 0)
            {
                context.Output.WriteLine($"compatible: {file} ({interactions} interactions) asks only for what the APIs do");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine($"incompatible: {file}: {problems.Count} problem(s) in {problems.Select(p => p.Interaction).Distinct().Count()} of {interactions} interactions");
            foreach (var problem in problems) context.Output.WriteLine($"  {problem}");
            return ExitCodes.Invalid;
        }));
        return command;
    }
}
