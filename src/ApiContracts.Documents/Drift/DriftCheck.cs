using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;
using ApiContracts.Documents.Diff;
using ApiContracts.Documents.Import;

namespace ApiContracts.Documents.Drift;

/// <summary>One API's page imported again and compared with its committed definition.</summary>
/// <param name="Api">The API id.</param>
/// <param name="Page">The page file.</param>
/// <param name="Changes">What the page now says differently, classified as <c>diff</c> classifies it.</param>
public sealed record DriftResult(string Api, string Page, IReadOnlyList<Change> Changes);

/// <summary>
/// Compares what a page states with what its committed definition says the page states. Our own words
/// (descriptions, hints, assumptions, the dataset) are left out, and so is every fact the definition takes
/// from an assumption rather than from the page: a constraint whose source is an assumption, a Mandatory
/// flag the page does not print, a default on a row governed by assumptions, rows an assumption or the
/// example adds, the error model where the page has none. What is left must agree with the page.
/// </summary>
public static class DriftCheck
{
    private static readonly HashSet<string> OurWords = new(StringComparer.Ordinal)
    {
        "description", "hint", "assumptions", "additional_properties", "items.description", "items.hint", "items.assumptions", "items.additional_properties",
    };

    private static readonly string[] ConstraintKinds = ["enum", "minimum", "maximum", "min_length", "max_length", "min_items", "max_items", "pattern", "format", "required_when", "mandatory"];

    /// <summary>Imports every page under <c>contracts/sources</c> of <paramref name="root"/> (or those of <paramref name="ids"/>) and compares each with its definition.</summary>
    /// <exception cref="PageImportException">When a page cannot be imported.</exception>
    /// <exception cref="DefinitionException">When a definition is malformed.</exception>
    public static IReadOnlyList<DriftResult> Run(string root, IReadOnlyCollection<string>? ids = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var definitions = DefinitionLoader.LoadDirectory(Path.Combine(root, "contracts", "apis"), root);
        var sources = Path.Combine(root, "contracts", "sources");
        var wanted = ids is { Count: > 0 } ? ids : definitions.Select(d => d.Id).ToList();
        var results = new List<DriftResult>();
        foreach (var id in wanted)
        {
            var api = definitions.FirstOrDefault(d => d.Id == id)
                ?? throw new KeyNotFoundException($"--api {id}: no definition contracts/apis/{id}.yaml (known: {string.Join(", ", definitions.Select(d => d.Id))})");
            var file = Path.GetFullPath(Path.Combine(root, "contracts", "apis", api.Source.Document));
            if (!File.Exists(file)) throw new FileNotFoundException($"{api.File}: its page {api.Source.Document} does not exist (under {sources})");
            var shown = Path.GetRelativePath(root, file).Replace('\\', '/');
            var page = PageImporter.ImportFile(file, api.Id, api.Provider, shown);
            results.Add(new DriftResult(api.Id, shown, Compare(api, page)));
        }

        return results;
    }

    /// <summary>The differences between what <paramref name="page"/> states and what <paramref name="api"/> takes from its page.</summary>
    public static IReadOnlyList<Change> Compare(ApiDefinition api, ImportedPage page)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(page);
        var imported = ImportView.Of(page);
        var committed = PageFacts(DefinitionView.Of(api), imported);
        var changes = ContractDiff.Compare(committed, imported).ToList();
        changes.AddRange(ErrorCode(api, page));
        return changes;
    }

    // The committed view reduced to what it claims the page says.
    private static ContractView PageFacts(ContractView committed, ContractView imported)
    {
        var nodes = new List<ViewNode>();
        foreach (var node in committed.Nodes)
        {
            var onPage = imported.Find(node.Key) is not null;
            if (node.Area is Area.Info or Area.Auth or Area.Status or Area.Paging) continue;
            if (node.IsRow && !onPage && node.Facts.GetValueOrDefault("origin") is "assumption" or "example") continue;
            if (node.Area == Area.Error && imported.Find("/errors") is null) continue;
            // A request part the page has no table for is the definition's (its rows say from which assumption).
            if (node.Area == Area.Table && !onPage) continue;
            var facts = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in node.Facts)
            {
                if (OurWords.Contains(key) || key.StartsWith(DefinitionView.SourcePrefix, StringComparison.Ordinal)) continue;
                if (node.Area == Area.Error && node.Key == "/errors" && key is not "table") continue;
                if (FromAssumption(node, key, imported.Find(node.Key))) continue;
                facts[key] = value;
            }

            nodes.Add(node with { Facts = facts });
        }

        return committed with { Nodes = nodes };
    }

    // Whether the definition takes this fact from an assumption (the page then says nothing to compare with).
    private static bool FromAssumption(ViewNode node, string key, ViewNode? onPage)
    {
        var bare = key.StartsWith("items.", StringComparison.Ordinal) ? key["items.".Length..] : key;
        if (ConstraintKinds.Contains(bare))
        {
            var source = node.Facts.GetValueOrDefault(DefinitionView.SourcePrefix + key);
            // A constraint without a source entry is not set (mandatory false, no enum): that is the page's silence too.
            return source is not null && source != ConstraintSources.Page;
        }

        // Defaults and nullability carry no source: one the page does not state is taken as decided by the
        // row's assumptions, when it has any; one the page states is compared.
        var governed = node.Facts.GetValueOrDefault("assumptions") is not null;
        if (bare == "default") return governed && node.Facts.GetValueOrDefault(key) is not null && onPage?.Facts.GetValueOrDefault(key) is null;
        if (bare == "nullable") return governed && node.Facts.GetValueOrDefault(key) == "true" && onPage?.Facts.GetValueOrDefault(key) is null;
        return false;
    }

    // The error code line: a pattern the definition takes from the page must accept the page's example and format.
    private static IEnumerable<Change> ErrorCode(ApiDefinition api, ImportedPage page)
    {
        var pattern = api.Errors.CodePattern;
        var source = api.Errors.Fields.Fields.FirstOrDefault(f => f.Constraints.Pattern is not null) is { } carrier
            ? ConstraintSources.SourceOf(carrier, "pattern", api.Errors.Fields.Sources)
            : null;
        if (pattern is null || source != ConstraintSources.Page) yield break;
        if (page.ErrorCode is not { } code)
        {
            yield return new Change(api.Id, "/errors/code_pattern", "error-body-changed", Severity.BreakingForConsumers, $"the definition takes the error code pattern {pattern} from the page, but the page no longer gives an error code format");
            yield break;
        }

        var regex = new Regex(pattern, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
        var sample = code.Format.Replace("[Error_ID]", "400", StringComparison.Ordinal);
        foreach (var value in new[] { code.Example, sample }.OfType<string>())
        {
            if (!regex.IsMatch(value))
            {
                yield return new Change(api.Id, "/errors/code_pattern", "error-body-changed", Severity.BreakingForConsumers, $"the page's error codes ({code.Format}, for example {code.Example}; line {code.Line}) no longer match the definition's pattern {pattern}: '{value}' does not");
            }
        }
    }
}
