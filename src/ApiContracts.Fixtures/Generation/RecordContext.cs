using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>What one record's values may depend on: its dataset, index, time and siblings.</summary>
internal sealed class RecordContext(Dataset dataset, long index, GeneratorOptions options, Vocabulary vocabulary, Timeline timeline)
{
    private long? _created;
    private long? _modified;

    public Dataset Dataset { get; } = dataset;

    public long Index { get; } = index;

    public ulong RecordKey { get; } = dataset.RecordKey(index);

    public GeneratorOptions Options { get; } = options;

    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>The record's creation time in ms: strictly decreasing with the index.</summary>
    public long Created => _created ??= timeline.Created(Dataset.Key, Index);

    /// <summary>The record's modification time in ms: after <see cref="Created"/>, before the reference time.</summary>
    public long Modified => _modified ??= timeline.Modified(RecordKey, Created);

    /// <summary>The position of the record counted from the oldest (1 for the oldest): ordered version numbers use it.</summary>
    public long Ordinal => Dataset.Size - Index;
}

/// <summary>The members of one object being built, computed on demand so a value may depend on a sibling.</summary>
internal sealed class Siblings(FieldPlan[] members, ulong objectKey, RecordContext context, RecordGenerator generator)
{
    private readonly Dictionary<string, JsonNode?> _done = new(StringComparer.Ordinal);

    public JsonNode? this[string name]
    {
        get
        {
            if (_done.TryGetValue(name, out var value)) return value;
            var plan = members.FirstOrDefault(m => m.Name == name);
            if (plan is null) return null;
            value = generator.Value(plan, objectKey, context, this);
            _done[name] = value;
            return value;
        }
    }
}
