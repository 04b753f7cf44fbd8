namespace ApiContracts.Core.Errors;

/// <summary>Exception messages as a user reads them, on the command line or in an answer's body.</summary>
public static class UserMessage
{
    /// <summary>
    /// The message of <paramref name="exception"/> without the <c> (Parameter 'name')</c> that .NET appends to an
    /// <see cref="ArgumentException"/>'s: it names a C# parameter the user never saw (our messages already say
    /// which option, query parameter or field was wrong).
    /// </summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        return exception is ArgumentException { ParamName: { Length: > 0 } name }
            ? message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : message;
    }
}
