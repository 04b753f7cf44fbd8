namespace ApiContracts.Documents.Import;

/// <summary>A page the importer cannot read: the message names the page, the line and what was expected there (a <see cref="FormatException"/>: bad input).</summary>
public sealed class PageImportException : FormatException
{
    /// <summary>Creates the exception for <paramref name="page"/> at <paramref name="line"/>.</summary>
    public PageImportException(string page, int line, string message)
        : base($"{page}:{line}: {message}")
    {
        Page = page;
        Line = line;
    }

    /// <summary>Creates the exception without a position.</summary>
    public PageImportException(string message)
        : base(message)
    {
        Page = string.Empty;
    }

    /// <summary>Creates the exception with a cause.</summary>
    public PageImportException(string message, Exception inner)
        : base(message, inner)
    {
        Page = string.Empty;
    }

    /// <summary>Creates the exception without detail.</summary>
    public PageImportException()
    {
        Page = string.Empty;
    }

    /// <summary>The page.</summary>
    public string Page { get; }

    /// <summary>The 1-based line, or 0 when the problem has none.</summary>
    public int Line { get; }
}
