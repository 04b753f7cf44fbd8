using ApiContracts.Core.Definitions;

namespace ApiContracts.Conformance.Probe;

/// <summary>How a check ended.</summary>
public enum CheckOutcome
{
    /// <summary>The provider did what the rule says.</summary>
    Passed,

    /// <summary>The provider did something else; the result says what and shows the exchange.</summary>
    Failed,

    /// <summary>The check could not run (too few items, budget spent, nothing to compare with); the reason says why.</summary>
    Skipped,
}

/// <summary>The documented rule a check tests: where the definition states it, the assumptions it rests on, in words.</summary>
/// <param name="Definition">The API id (the definition file's name).</param>
/// <param name="Pointer">Where in the definition, in the style of an assumption's <c>about</c> (<c>/request/query/limit</c>).</param>
/// <param name="Assumptions">The ids of the definition's assumptions the rule rests on.</param>
/// <param name="Statement">The rule in words, with the values the definition gives.</param>
public sealed record RuleRef(string Definition, string Pointer, IReadOnlyList<string> Assumptions, string Statement)
{
    /// <summary>The rule for <paramref name="pointer"/> of <paramref name="api"/>: the assumptions the rows name, and those about the pointer.</summary>
    public static RuleRef For(ApiDefinition api, string pointer, string statement, params IEnumerable<string>[] assumptions)
    {
        ArgumentNullException.ThrowIfNull(api);
        var ids = assumptions.SelectMany(a => a)
            .Concat(api.Assumptions.Where(a => a.About == pointer).Select(a => a.Id))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        return new RuleRef(api.Id, pointer, ids, statement);
    }

    /// <summary>Where the rule is, with its assumptions: <c>api /pointer (A1, A3)</c>.</summary>
    public string Where => Assumptions.Count == 0 ? $"{Definition} {Pointer}" : $"{Definition} {Pointer} ({string.Join(", ", Assumptions)})";

    /// <inheritdoc />
    public override string ToString() => $"{Where}: {Statement}";
}

/// <summary>One check of one API against one documented rule.</summary>
/// <param name="Api">The API id.</param>
/// <param name="Id">The check's id, unique within the API: its kind and the request it makes (<c>page-size[limit=101]</c>).</param>
/// <param name="Rule">The rule it tests.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Reason">For a failure what went wrong, for a skip why it could not run; null when passed.</param>
/// <param name="Evidence">For a failure, the exchange that shows it.</param>
public sealed record CheckResult(string Api, string Id, RuleRef Rule, CheckOutcome Outcome, string? Reason, Exchange? Evidence);

/// <summary>What a check concluded.</summary>
internal readonly record struct Verdict(CheckOutcome Outcome, string? Reason, Exchange? Evidence)
{
    public static Verdict Pass => new(CheckOutcome.Passed, null, null);

    public static Verdict Fail(string reason, Exchange? evidence) => new(CheckOutcome.Failed, reason, evidence);

    public static Verdict Skip(string reason) => new(CheckOutcome.Skipped, reason, null);
}
