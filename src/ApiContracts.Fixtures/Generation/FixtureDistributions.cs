using System.Globalization;
using System.Text;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Fixtures.Generation;

/// <summary>How one field of a fixture record is distributed under a profile.</summary>
/// <param name="Field">The field's path in the record, nested names joined by dots and arrays marked [] (<c>Labels[].Key</c>).</param>
/// <param name="Distribution">What values it takes and how often, in words with the figures the generator uses.</param>
public sealed record FieldDistribution(string Field, string Distribution);

/// <summary>
/// What an export contains, field by field: <c>apicontracts fixtures --describe</c> prints it and each API's page
/// under <c>contracts/docs/</c> shows it. The words come from the same tables the generators draw from.
/// </summary>
public static class FixtureDistributions
{
    /// <summary>The distributions of <paramref name="apiId"/>'s record fields under <paramref name="profile"/>, in definition order.</summary>
    /// <exception cref="KeyNotFoundException">When the API is unknown.</exception>
    public static IReadOnlyList<FieldDistribution> For(ContractCatalog catalog, string apiId, FixtureProfile profile)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(profile);
        var api = catalog.Api(apiId);
        var items = RecordGenerator.ItemsField(api);
        if (items is null) return ActionFixtures.Describe(api, profile);
        var result = new List<FieldDistribution>();
        Walk(FieldPlan.Of(items.Items!.Fields!), string.Empty, profile, api, result);
        return result;
    }

    /// <summary>The command's text: the profile, then one line per field.</summary>
    public static string Text(ContractCatalog catalog, string apiId, FixtureProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var text = new StringBuilder();
        text.Append(apiId).Append(", profile ").Append(profile.Name).Append(profile == FixtureProfile.Realistic ? " (the default)" : string.Empty)
            .Append(": ").Append(profile.Summary).Append(".\n");
        text.Append("Every value is a function of (seed, API, parent, record index, field): the same seed gives the same bytes.\n");
        foreach (var field in For(catalog, apiId, profile)) text.Append("  ").Append(field.Field).Append(": ").Append(field.Distribution).Append('\n');
        return text.ToString();
    }

    /// <summary>The Markdown section each API's page carries: both profiles, field by field.</summary>
    public static string Markdown(ContractCatalog catalog, ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var md = new StringBuilder();
        md.Append("## Fixture values\n\n");
        md.Append("What `apicontracts fixtures` exports and the stub server serves for this API, field by field (`apicontracts fixtures --describe --api ")
            .Append(api.Id).Append(" [--profile edge]` prints the same). Every value is a function of (seed, API, parent, record index, field), ")
            .Append("so the same seed gives the same bytes and adding a field leaves the others unchanged.\n\n");
        foreach (var profile in FixtureProfile.All)
        {
            md.Append("### Profile `").Append(profile.Name).Append('`').Append(profile == FixtureProfile.Realistic ? " (the default)" : string.Empty).Append("\n\n");
            md.Append(char.ToUpperInvariant(profile.Summary[0])).Append(profile.Summary[1..]).Append(".\n\n");
            md.Append("| field | values |\n|---|---|\n");
            foreach (var field in For(catalog, api.Id, profile))
            {
                md.Append("| `").Append(field.Field).Append("` | ").Append(Escape(field.Distribution)).Append(" |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static void Walk(FieldPlan[] members, string prefix, FixtureProfile profile, ApiDefinition api, List<FieldDistribution> result)
    {
        foreach (var plan in members)
        {
            var name = prefix + plan.Name;
            result.Add(new FieldDistribution(name, Describe(plan, profile, api)));
            if (plan.Hint.Length > 0 && !plan.PerParent) continue;
            if (plan.Members.Length > 0) Walk(plan.Members, name + ".", profile, api, result);
            else if (plan.Items is { Members.Length: > 0 } items) Walk(items.Members, name + "[].", profile, api, result);
        }
    }

    private static string Describe(FieldPlan plan, FixtureProfile profile, ApiDefinition api)
    {
        var field = plan.Field;
        var text = Own(plan, profile, api);
        if (plan.PerParent) text = "the same for every record of a parent: " + text;
        if (profile.StressesText && field.Constraints.Nullable) text = $"null in {Weighted<int>.Percent(profile.NullRate)} of records; otherwise " + text;
        return text;
    }

    private static string Own(FieldPlan plan, FixtureProfile profile, ApiDefinition api)
    {
        if (profile.StressesText && Providers.FreeTextHints.Contains(plan.Hint))
        {
            return (plan.Hint == "config-content" ? "****** while the file is sensitive; otherwise " : string.Empty) + StressText.Description;
        }

        if (plan.Hint.StartsWith("path:", StringComparison.Ordinal)) return $"always the path's {plan.Hint["path:".Length..]}";
        if (plan.Hint.Length > 0 && Providers.Describe(plan.Hint, profile, api) is { } described) return described;
        return Generic(plan, profile);
    }

    // What RecordGenerator.Generic does with a row no hint shapes.
    private static string Generic(FieldPlan plan, FixtureProfile profile)
    {
        var field = plan.Field;
        var c = field.Constraints;
        var parts = new List<string>();
        if (!field.Mandatory) parts.Add($"absent in {Weighted<int>.Percent(profile.AbsentRate)} of records");
        if (c.Nullable && !profile.StressesText) parts.Add($"null in {Weighted<int>.Percent(profile.NullRate)}");
        string values;
        if (c.Enum is { Count: > 0 } options) values = "one of " + string.Join(", ", options.Select(o => o?.ToJsonString())) + ", equally often";
        else
        {
            values = field.Type switch
            {
                FieldType.Boolean => "true or false, equally often",
                FieldType.Integer => profile.EvenMixes
                    ? $"the ends of [{Bound(c.Minimum ?? 0)}, {Bound(c.Maximum ?? ((c.Minimum ?? 0) + 1000))}] and their neighbours, equally often"
                    : $"uniform in [{Bound(c.Minimum ?? 0)}, {Bound(c.Maximum ?? ((c.Minimum ?? 0) + 1000))}]",
                FieldType.Number => $"uniform in [{Bound(c.Minimum ?? 0)}, {Bound(c.Maximum ?? ((c.Minimum ?? 0) + 1000))}], two decimals",
                FieldType.Array => "1 to 3 items",
                FieldType.Object => plan.Members.Length == 0 ? "an empty object" : "an object of the members below",
                _ when c.Format == "date-time" => "the record's creation time (RFC 3339, UTC)",
                _ when c.Format == "uri" => "https://<service>.example.com/<word>",
                _ when profile.StressesText => StressText.Description,
                _ => "two operations words (Chinese in zh_CN)",
            };
        }

        parts.Add(values);
        return string.Join("; otherwise ", parts);
    }

    // Markdown would read ****** as a rule, __system__ as bold and <size> as a tag: show them as written.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '|' or '<' or '>' or '[' or ']') escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Bound(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
