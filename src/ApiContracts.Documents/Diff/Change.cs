namespace ApiContracts.Documents.Diff;

/// <summary>Who a change breaks.</summary>
public enum Severity
{
    /// <summary>Nobody: descriptions, examples, optional additions.</summary>
    Compatible,

    /// <summary>What an existing client meets: a field gone, a new mandatory parameter, a changed error body or paging rule.</summary>
    BreakingForConsumers,

    /// <summary>What an existing implementation must now do: accept more, send a new mandatory field.</summary>
    BreakingForProviders,
}

/// <summary>One classified change between two definitions.</summary>
/// <param name="Api">The API id.</param>
/// <param name="Pointer">Where, as a JSON pointer into the definition (<c>/request/query/limit/maximum</c>).</param>
/// <param name="Kind">The rule that classified it (<c>request-bounds-narrowed</c>); docs/diff-rules.md lists them.</param>
/// <param name="Severity">Who it breaks.</param>
/// <param name="Message">The change and the reason, in words.</param>
public sealed record Change(string Api, string Pointer, string Kind, Severity Severity, string Message)
{
    /// <summary>The severity as reports spell it: <c>breaking-for-consumers</c>, <c>breaking-for-providers</c>, <c>compatible</c>.</summary>
    public string SeverityName => Name(Severity);

    /// <summary>How reports spell <paramref name="severity"/>.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.BreakingForConsumers => "breaking-for-consumers",
        Severity.BreakingForProviders => "breaking-for-providers",
        _ => "compatible",
    };
}

/// <summary>Which breaking changes make <c>diff</c> fail.</summary>
public enum FailOn
{
    /// <summary>Changes that break consumers.</summary>
    Consumers,

    /// <summary>Changes that break providers.</summary>
    Providers,

    /// <summary>Either.</summary>
    Any,
}

/// <summary>Helpers over a list of changes.</summary>
public static class Changes
{
    /// <summary>Whether <paramref name="change"/> counts as a failure under <paramref name="failOn"/>.</summary>
    public static bool Fails(this Change change, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Severity switch
        {
            Severity.BreakingForConsumers => failOn is FailOn.Consumers or FailOn.Any,
            Severity.BreakingForProviders => failOn is FailOn.Providers or FailOn.Any,
            _ => false,
        };
    }
}
