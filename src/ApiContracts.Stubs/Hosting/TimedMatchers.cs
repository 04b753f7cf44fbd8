using System.Text.RegularExpressions;
using AnyOfTypes;
using WireMock.Admin.Mappings;
using WireMock.Extensions;
using WireMock.Matchers;
using WireMock.Models;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// WireMock.Net's regex and wildcard matchers with a time limit. WireMock.Net builds its regexes with an
/// infinite (or 10 s) timeout given explicitly, so neither <c>REGEX_DEFAULT_MATCH_TIMEOUT</c> nor any setting
/// bounds them; <see cref="AdminGuard"/> renames those matchers in posted mappings to these, which WireMock
/// builds through its custom-matcher hook. A match that runs past <see cref="Timeout"/> counts as no match
/// (whatever <c>RejectOnMatch</c> says) and is noted in the journal.
/// </summary>
internal static class TimedMatchers
{
    public const string RegexName = "ApiContractsTimedRegexMatcher";
    public const string WildcardName = "ApiContractsTimedWildcardMatcher";

    /// <summary>How long one pattern may run against one value.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The notes of the request being matched; set by the server around WireMock's matching.</summary>
    public static readonly AsyncLocal<List<string>?> Notes = new();

    public static Dictionary<string, Func<MatcherModel, IMatcher>> Mappings() => new(StringComparer.Ordinal)
    {
        [RegexName] = model => new TimedRegex(Behaviour(model), Patterns(model), model.IgnoreCase == true, Operator(model)),
        [WildcardName] = model => new TimedWildcard(Behaviour(model), Patterns(model), model.IgnoreCase == true, Operator(model)),
    };

    private static MatchBehaviour Behaviour(MatcherModel model) => model.RejectOnMatch == true ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch;

    // As WireMock.Net reads it (StringUtils.ParseMatchOperator): the exact name, else Or.
    private static MatchOperator Operator(MatcherModel model) =>
        model.MatchOperator is not null && Enum.TryParse<MatchOperator>(model.MatchOperator, out var parsed) ? parsed : MatchOperator.Or;

    private static AnyOf<string, StringPattern>[] Patterns(MatcherModel model)
    {
        // Pattern first, as WireMock.Net reads a matcher; the admin guard lets only strings through, one of the two.
        IEnumerable<string> patterns = model.Pattern is string one ? [one] : (model.Patterns ?? []).OfType<string>();
        return patterns.Select(p => new AnyOf<string, StringPattern>(p)).ToArray();
    }

    private static Regex[] Compile(IEnumerable<string> patterns, bool ignoreCase) =>
        patterns.Select(p => new Regex(p, RegexOptions.Multiline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), Timeout)).ToArray();

    private static MatchResult Match(string name, Regex[] expressions, string? input, MatchBehaviour behaviour, MatchOperator op)
    {
        if (input is null) return MatchResult.From(name, behaviour, false);
        var results = new bool[expressions.Length];
        for (var i = 0; i < expressions.Length; i++)
        {
            try
            {
                results[i] = expressions[i].IsMatch(input);
            }
            catch (RegexMatchTimeoutException ex)
            {
                Notes.Value?.Add($"a {name} pattern ran longer than {Timeout.TotalMilliseconds} ms on a {input.Length}-character value and was counted as no match: {Engine.TextChecks.Shown(ex.Pattern, 80)}");
                return MatchResult.From(name, 0.0, ex);
            }
        }

        var score = MatchScores.ToScore(results, op);
        return behaviour == MatchBehaviour.AcceptOnMatch ? MatchResult.From(name, score) : MatchResult.From(name, score <= 1e-6 ? 1.0 : 0.0);
    }

    /// <summary>A regex matcher WireMock shows and saves as <c>RegexMatcher</c>.</summary>
    private sealed class TimedRegex : RegexMatcher
    {
        private readonly Regex[] _timed;

        public TimedRegex(MatchBehaviour behaviour, AnyOf<string, StringPattern>[] patterns, bool ignoreCase, MatchOperator op)
            : base(behaviour, patterns, ignoreCase, useRegexExtended: false, op)
        {
            _timed = Compile(patterns.Select(p => p.GetPattern()), ignoreCase);
        }

        public override string Name => nameof(RegexMatcher);

        public override MatchResult IsMatch(string? input) => Match(Name, _timed, input, MatchBehaviour, MatchOperator);
    }

    /// <summary>A wildcard matcher (<c>*</c> any run, <c>?</c> one character) WireMock shows as <c>WildcardMatcher</c>.</summary>
    private sealed class TimedWildcard : WildcardMatcher
    {
        private readonly Regex[] _timed;

        public TimedWildcard(MatchBehaviour behaviour, AnyOf<string, StringPattern>[] patterns, bool ignoreCase, MatchOperator op)
            : base(behaviour, patterns, ignoreCase, op)
        {
            _timed = Compile(patterns.Select(p => "^" + Regex.Escape(p.GetPattern()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"), ignoreCase);
        }

        public override string Name => nameof(WildcardMatcher);

        public override MatchResult IsMatch(string? input) => Match(Name, _timed, input, MatchBehaviour, MatchOperator);
    }
}
