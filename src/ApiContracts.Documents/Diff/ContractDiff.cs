namespace ApiContracts.Documents.Diff;

/// <summary>
/// Compares two views node by node and fact by fact, and classifies every difference with the rules of
/// <see cref="DiffRules"/> (documented in docs/diff-rules.md). A fact one side does not know is not compared.
/// </summary>
public static class ContractDiff
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, in definition order.</summary>
    public static IReadOnlyList<Change> Compare(ContractView before, ContractView after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var api = after.Id;
        var changes = new List<Change>();
        var afterKeys = after.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var beforeKeys = before.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        foreach (var node in before.Nodes)
        {
            if (afterKeys.TryGetValue(node.Key, out var other)) changes.AddRange(Facts(api, node, other));
            else changes.AddRange(node.IsRow ? DiffRules.RowRemoved(api, node) : DiffRules.NodeRemoved(api, node));
        }

        foreach (var node in after.Nodes.Where(n => !beforeKeys.ContainsKey(n.Key)))
        {
            changes.AddRange(node.IsRow ? DiffRules.RowAdded(api, node) : DiffRules.NodeAdded(api, node));
        }

        return changes;
    }

    /// <summary>The changes between two sets of definitions, paired by id; an API on one side only is added or removed.</summary>
    public static IReadOnlyList<Change> Compare(IReadOnlyList<ContractView> before, IReadOnlyList<ContractView> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<Change>();
        foreach (var old in before)
        {
            var match = after.FirstOrDefault(v => v.Id == old.Id);
            if (match is null) changes.Add(new Change(old.Id, "/", "api-removed", Severity.BreakingForConsumers, $"the API '{old.Id}' was removed: every client of it loses it"));
            else changes.AddRange(Compare(old, match));
        }

        foreach (var added in after.Where(v => before.All(o => o.Id != v.Id)))
        {
            changes.Add(new Change(added.Id, "/", "api-added", Severity.Compatible, $"the API '{added.Id}' is new"));
        }

        return changes;
    }

    private static IEnumerable<Change> Facts(string api, ViewNode before, ViewNode after)
    {
        var keys = before.Facts.Keys.Concat(after.Facts.Keys.Where(k => !before.Facts.ContainsKey(k))).ToList();
        foreach (var key in keys.Where(k => !k.StartsWith(DefinitionView.SourcePrefix, StringComparison.Ordinal)))
        {
            if (!before.Facts.TryGetValue(key, out var old) || !after.Facts.TryGetValue(key, out var @new)) continue;
            if (string.Equals(old, @new, StringComparison.Ordinal)) continue;
            foreach (var change in DiffRules.FactChanged(api, after, key, old, @new)) yield return change;
        }
    }
}
