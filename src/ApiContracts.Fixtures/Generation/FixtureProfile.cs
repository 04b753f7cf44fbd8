using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// How values are drawn: the closed set <see cref="Realistic"/> (the default: data that looks like a working
/// fleet) and <see cref="Edge"/> (stress values: the longest strings, CJK and emoji, nulls wherever allowed).
/// Both keep every rule of the definitions and every cross-field rule; ids, times and version labels are the
/// same in both, so a record of one profile lines up with the same record of the other.
/// </summary>
public abstract class FixtureProfile
{
    private protected FixtureProfile(string name, string summary)
    {
        Name = name;
        Summary = summary;
    }

    /// <summary>Values that look like production data (the default).</summary>
    public static FixtureProfile Realistic { get; } = new RealisticProfile();

    /// <summary>Stress values for robustness tests.</summary>
    public static FixtureProfile Edge { get; } = new EdgeProfile();

    /// <summary>Every profile, the default first.</summary>
    public static IReadOnlyList<FixtureProfile> All { get; } = [Realistic, Edge];

    /// <summary>The names <see cref="Parse"/> accepts, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));

    /// <summary>The name on the command line and in the stub's settings.</summary>
    public string Name { get; }

    /// <summary>What the profile's values look like, in one sentence.</summary>
    public string Summary { get; }

    /// <summary>The share of records in which a nullable field without a value rule of its own is null.</summary>
    public abstract double NullRate { get; }

    /// <summary>The share of records that leave out an optional field without a value rule of its own.</summary>
    public abstract double AbsentRate { get; }

    /// <summary>Whether closed sets (statuses, actions) are dealt evenly rather than in a realistic mix.</summary>
    public abstract bool EvenMixes { get; }

    /// <summary>Whether free text is stress text rather than domain text.</summary>
    public abstract bool StressesText { get; }

    /// <summary>
    /// The profile's own value for a field, ahead of the hint's generator, if it has one: the edge profile's
    /// nulls and stress text. The realistic profile has none: the hints' generators decide.
    /// </summary>
    internal abstract bool TryValue(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value);

    /// <summary>The profile called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Naming the allowed profiles, when there is none by that name.</exception>
    public static FixtureProfile Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"unknown profile '{name}' (allowed: {Names})", nameof(name));

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class RealisticProfile() : FixtureProfile(
        "realistic",
        "values that look like a working fleet: bursty timelines, fleet-like status mixes, common disk sizes, semantic versions, configuration files in their own format, domain text in English or Chinese")
    {
        public override double NullRate => 0.15;

        public override double AbsentRate => 0.10;

        public override bool EvenMixes => false;

        public override bool StressesText => false;

        internal override bool TryValue(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value)
        {
            value = null;
            return false;
        }
    }

    private sealed class EdgeProfile() : FixtureProfile(
        "edge",
        "stress values: free text at 4096 characters, CJK with emoji and combining marks, CSV- and HTML-hostile characters, empty and padded strings; nulls and absences wherever allowed; every status equally often")
    {
        public override double NullRate => 0.5;

        public override double AbsentRate => 0.5;

        public override bool EvenMixes => true;

        public override bool StressesText => true;

        internal override bool TryValue(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings, out JsonNode? value) =>
            StressText.TryValue(plan, ref random, context, siblings, out value);
    }
}
