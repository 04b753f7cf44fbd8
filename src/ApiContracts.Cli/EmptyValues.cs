using System.CommandLine;

namespace ApiContracts.Cli;

/// <summary>
/// An empty value (<c>--out ""</c>, <c>--root ""</c>, an empty file argument) is refused while parsing, naming
/// the option: none of ours takes one, and what .NET would say later ("The value cannot be an empty
/// string. (Parameter 'path')") names neither the option nor what to give.
/// </summary>
internal static class EmptyValues
{
    /// <summary>Adds the check to every option and argument of <paramref name="command"/> and its subcommands; returns the command.</summary>
    public static Command RefuseIn(Command command)
    {
        foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool)))
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError("the value is empty; give a value");
            });
        }

        foreach (var argument in command.Arguments)
        {
            argument.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError("the value is empty; give a value");
            });
        }

        foreach (var subcommand in command.Subcommands) RefuseIn(subcommand);
        return command;
    }
}
