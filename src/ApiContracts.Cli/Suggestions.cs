using System.CommandLine;

namespace ApiContracts.Cli;

/// <summary>
/// "Did you mean" for mistyped commands and options. System.CommandLine 2.0 has typo corrections, but only
/// in its own error action (which also prints the whole help); the CLI reports parse errors itself, one
/// <c>error:</c> line each, so it names the nearest commands or options the same way.
/// </summary>
internal static class Suggestions
{
    private const string Unrecognized = "Unrecognized command or argument";

    /// <summary>Whether a parse error is one this class rewords (an unknown token, or the missing command that follows one).</summary>
    public static bool Handles(ParseResult parsed, string message) =>
        message.StartsWith(Unrecognized, StringComparison.Ordinal)
        || (parsed.UnmatchedTokens.Count > 0 && message.StartsWith("Required command was not provided", StringComparison.Ordinal));

    /// <summary>One message per unknown token, with the nearest valid ones where some are close.</summary>
    public static IEnumerable<string> For(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var where = command.Parents.Any() ? $" for '{Path(parsed)}'" : string.Empty;
        string? previousUnknownOption = null;
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
            {
                previousUnknownOption = token;
                var options = Options(command).ToList();
                yield return $"unknown option '{token}'{where}{Nearest(token, options)}";
                continue;
            }

            // The value of a mistyped option is unmatched too; the option's own message covers it.
            if (previousUnknownOption is not null)
            {
                previousUnknownOption = null;
                continue;
            }

            if (command.Subcommands.Count == 0)
            {
                yield return $"unexpected argument '{token}'{where}";
                continue;
            }

            // What follows an unknown command belongs to the command meant: one message says it all.
            yield return $"unknown command '{token}'{where}{Nearest(token, command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList())}";
            yield break;
        }
    }

    private static string Path(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand) names.Insert(0, result.Command.Name);
        }

        return "apicontracts " + string.Join(' ', names);
    }

    private static IEnumerable<string> Options(Command command)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            foreach (var option in current.Options.Where(o => !o.Hidden && (ReferenceEquals(current, command) || o.Recursive)))
            {
                foreach (var name in option.Aliases.Prepend(option.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)))
                {
                    if (seen.Add(name)) yield return name;
                }
            }
        }
    }

    /// <summary>"; did you mean 'x'?" for the candidates within a small edit distance (or sharing a prefix), else a list to choose from.</summary>
    internal static string Nearest(string token, IReadOnlyCollection<string> candidates)
    {
        var typed = token.ToLowerInvariant();
        var near = candidates
            .Select(c => (Name: c, Distance: Distance(typed, c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3) || (typed.Length >= 3 && c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        // Only the closest: '--prot' suggests '--port', not every option two edits away.
        var best = near.Count == 0 ? 0 : near.Min(c => c.Distance);
        var close = near.Where(c => c.Distance == best)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"'{c.Name}'")
            .Take(3)
            .ToList();
        if (close.Count > 0) return $"; did you mean {string.Join(" or ", close)}?";
        return candidates.Count == 0 ? string.Empty : $" (known: {string.Join(", ", candidates.Order(StringComparer.Ordinal))})";
    }

    // Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment).
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
