using System.Text.RegularExpressions;

namespace ApiContracts.Core.Definitions;

/// <summary>One thing wrong in a definition file, with where it is.</summary>
/// <param name="Location">File, line and column.</param>
/// <param name="Message">What is wrong and what is allowed; names and values from the file are cut to <see cref="MaxEcho"/> characters.</param>
public sealed partial record DefinitionProblem(SourceLocation Location, string Message)
{
    /// <summary>The most characters of a name or value from the file a message repeats; longer ones end in an ellipsis.</summary>
    public const int MaxEcho = 80;

    // A message that repeats the file's text stays short even when the text is not (a 2,000,000-character
    // key, a huge value): quoted spans and unbroken runs are cut, and the whole message is bounded.
    private const int MaxMessage = 2000;

    /// <summary>What is wrong and what is allowed.</summary>
    public string Message { get; } = Shorten(Message);

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";

    // 81: longer than MaxEcho.
    [GeneratedRegex(@"'([^'\r\n]{81,})'")]
    private static partial Regex LongQuoted();

    // The ellipsis ends a cut run: a cut one is not cut again.
    [GeneratedRegex(@"[^\s'\u2026]{81,}")]
    private static partial Regex LongRun();

    private static string Shorten(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= MaxEcho) return message;
        var shorter = LongQuoted().Replace(message, m => $"'{Cut(m.Groups[1].Value)}'");
        shorter = LongRun().Replace(shorter, m => Cut(m.Value));
        return shorter.Length <= MaxMessage ? shorter : shorter[..(MaxMessage - 1)] + "\u2026";
    }

    // The first characters and an ellipsis, saying how long the whole was; never a lone surrogate half.
    private static string Cut(string text)
    {
        var keep = char.IsHighSurrogate(text[MaxEcho - 1]) ? MaxEcho - 1 : MaxEcho;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text[..keep]}\u2026 ({text.Length} characters)");
    }
}

/// <summary>Thrown when definition files are malformed; lists every problem found, not only the first.</summary>
public sealed class DefinitionException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public DefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DefinitionException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DefinitionException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    /// <summary>Creates the exception without detail.</summary>
    public DefinitionException()
        : this("The definitions are malformed.")
    {
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }
}
