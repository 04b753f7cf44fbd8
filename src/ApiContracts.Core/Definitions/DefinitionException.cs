namespace ApiContracts.Core.Definitions;

/// <summary>One thing wrong in a definition file, with where it is.</summary>
/// <param name="Location">File, line and column.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record DefinitionProblem(SourceLocation Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
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
