using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>A definition row prepared once for generation: its hint split, its name hashed, its members planned.</summary>
internal sealed class FieldPlan
{
    private FieldPlan(FieldDef field)
    {
        Field = field;
        NameHash = Seed.Hash(field.Name);
        var hint = field.Constraints.Hint ?? string.Empty;
        PerParent = hint.StartsWith("per-parent:", StringComparison.Ordinal);
        Hint = PerParent ? hint["per-parent:".Length..] : hint;
        Items = field.Items is null ? null : new FieldPlan(field.Items);
        Members = field.Fields?.Fields.Select(f => new FieldPlan(f)).ToArray() ?? [];
    }

    public FieldDef Field { get; }

    public string Name => Field.Name;

    public ulong NameHash { get; }

    /// <summary>The hint without its <c>per-parent:</c> scope.</summary>
    public string Hint { get; }

    /// <summary>Whether the value is shared by every record of the parent.</summary>
    public bool PerParent { get; }

    public FieldPlan? Items { get; }

    public FieldPlan[] Members { get; }

    public static FieldPlan[] Of(FieldTable table) => table.Fields.Select(f => new FieldPlan(f)).ToArray();
}
