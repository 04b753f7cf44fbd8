using System.CommandLine;
using ApiContracts.Cli.Commands;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Json;
using ApiContracts.Pact.Interop;
using Spectre.Console;

namespace ApiContracts.Cli;

/// <summary>The <c>apicontracts</c> command line: parsing, dispatch and the shared error policy.</summary>
public static class CliApp
{
    /// <summary>The time limit of every regular expression built without its own (<c>REGEX_DEFAULT_MATCH_TIMEOUT</c>).</summary>
    public static readonly TimeSpan RegexTimeLimit = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Sets the process-wide default regex time limit to <see cref="RegexTimeLimit"/>. .NET reads it once, when
    /// the first <see cref="System.Text.RegularExpressions.Regex"/> is built, so call this first thing in <c>Main</c>;
    /// libraries that pass their own timeout (Newtonsoft's JSONPath passes an infinite one) are not affected.
    /// </summary>
    public static void LimitRegexTime() => AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", RegexTimeLimit);

    /// <summary>Runs the command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Stream input)
    {
        var context = new CliContext(output, error, input);
        var rootOption = new Option<string?>("--root")
        {
            Description = "The repository folder (default: the nearest folder at or above the current one holding contracts/apis).",
            Recursive = true,
        };

        var root = new RootCommand("ApiContracts: API definitions, JSON Schemas, fixtures, stubs and Pact contracts from documented cloud APIs.");
        root.Options.Add(rootOption);
        root.Subcommands.Add(ListCommand.Create(context, rootOption));
        root.Subcommands.Add(GenerateCommand.Create(context, rootOption));
        root.Subcommands.Add(ValidateCommand.Create(context, rootOption));
        root.Subcommands.Add(FixturesCommand.Create(context, rootOption));
        root.Subcommands.Add(ServeCommand.Create(context, rootOption));
        root.Subcommands.Add(VerifyCommand.Create(context, rootOption));
        root.Subcommands.Add(CheckConsumerCommand.Create(context, rootOption));
        root.Subcommands.Add(MockCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(DriftCommand.Create(context, rootOption));
        root.Subcommands.Add(ProbeCommand.Create(context, rootOption));

        var parsed = EmptyValues.RefuseIn(root).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                // Name the option or argument the problem is about, so the message says where.
                var where = problem.SymbolResult switch
                {
                    System.CommandLine.Parsing.OptionResult o => o.Option.Name + ": ",
                    System.CommandLine.Parsing.ArgumentResult a => $"<{a.Argument.Name}>: ",
                    _ => string.Empty,
                };
                context.Fail(where + problem.Message.Replace("\n\t", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));
            }
            context.Err.WriteLine("Run 'apicontracts --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command body, turning the expected failures (bad definitions, input or files, engine refusals) into a message and exit code 2.</summary>
    internal static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (DefinitionException ex)
        {
            context.Fail(ex.Problems.Count == 0 ? ex.Message : $"{ex.Problems.Count} problem(s) in the definitions (nothing was written):");
            foreach (var problem in ex.Problems) context.Err.WriteLine($"  {problem}");
            return ExitCodes.BadInput;
        }
        catch (JsonInputException ex)
        {
            context.Fail(ex.Message);
            return ExitCodes.BadInput;
        }
        // The Pact engine refuses bad input too: a port in use, a pact it cannot read.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or KeyNotFoundException or ArgumentException or FormatException or PactEngineException)
        {
            context.Fail(ApiContracts.Core.Errors.UserMessage.Of(ex));
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The last line of defence: a user sees a message, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Fail($"internal error ({ex.GetType().Name}): {ex.Message}. Please report it with the command line that caused it.");
            return ExitCodes.Internal;
        }
    }
}
