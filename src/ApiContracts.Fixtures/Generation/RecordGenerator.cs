using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Makes the list items of an API's success body from its definition: types, enums, ranges,
/// lengths, nullability and formats from the rows, realistic shapes and cross-field rules from
/// the hints. Build one per API and reuse it; it holds no per-record state.
/// </summary>
public sealed class RecordGenerator
{
    /// <summary>Marks a value left out of its object (an optional field the record does not carry).</summary>
    internal static readonly JsonNode Absent = JsonValue.Create("\u0000absent");

    private readonly FieldPlan[] _members;
    private readonly Vocabulary _vocabulary;
    private readonly Timeline _timeline;

    /// <summary>Plans generation of <paramref name="api"/>'s list items.</summary>
    /// <exception cref="ArgumentException">When the API has no list (see <see cref="ItemsField"/>).</exception>
    public RecordGenerator(ApiDefinition api, GeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
        Options = options ?? new GeneratorOptions();
        _vocabulary = Vocabulary.For(Options.Locale);
        _timeline = new Timeline(Options.ReferenceTime);
        var items = ItemsField(api) ?? throw new ArgumentException($"{api.Id} has no list in its success body", nameof(api));
        _members = FieldPlan.Of(items.Items!.Fields!);
    }

    /// <summary>The API.</summary>
    public ApiDefinition Api { get; }

    /// <summary>The options.</summary>
    public GeneratorOptions Options { get; }

    /// <summary>The success-body array that holds the API's list, from the pagination model; null when the API does not list.</summary>
    public static FieldDef? ItemsField(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (api.Pagination is null) return null;
        var name = api.Pagination.Items.TrimStart('/');
        return api.Success.Body?.Fields.FirstOrDefault(f => f.Name == name && f.Type == FieldType.Array && f.Items?.Fields is not null);
    }

    /// <summary>Record <paramref name="index"/> of <paramref name="dataset"/>; any index, in O(1).</summary>
    public JsonObject Record(Dataset dataset, long index)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (index < 0 || index >= dataset.Size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the dataset holds {dataset.Size} records");
        var context = new RecordContext(dataset, index, Options, _vocabulary, _timeline);
        return Object(_members, context.RecordKey, context);
    }

    /// <summary>Records [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>), made one at a time.</summary>
    public IEnumerable<JsonObject> Records(Dataset dataset, long start, long count)
    {
        for (var i = start; i < start + count; i++) yield return Record(dataset, i);
    }

    internal JsonObject Object(FieldPlan[] members, ulong key, RecordContext context)
    {
        var siblings = new Siblings(members, key, context, this);
        var result = new JsonObject();
        foreach (var member in members)
        {
            var value = siblings[member.Name];
            if (!ReferenceEquals(value, Absent)) result[member.Name] = value;
        }

        return result;
    }

    internal JsonNode? Value(FieldPlan plan, ulong objectKey, RecordContext context, Siblings siblings)
    {
        var key = Seed.Combine(plan.PerParent ? context.Dataset.ParentKey : objectKey, plan.NameHash);
        var random = new FieldRandom(key);
        if (context.Dataset.Profile.TryValue(plan, ref random, context, siblings, out var own)) return own;
        if (plan.Hint.Length > 0 && Providers.TryProvide(plan, ref random, context, siblings, out var provided)) return provided;
        if (plan.Hint.StartsWith("path:", StringComparison.Ordinal)) return context.Dataset.Parent[plan.Hint["path:".Length..]];
        return Generic(plan, key, ref random, context);
    }

    private JsonNode? Generic(FieldPlan plan, ulong key, ref FieldRandom random, RecordContext context)
    {
        var field = plan.Field;
        var c = field.Constraints;
        var profile = context.Dataset.Profile;
        if (!field.Mandatory && random.Chance(profile.AbsentRate)) return Absent;
        if (c.Nullable && random.Chance(profile.NullRate)) return null;
        if (c.Enum is { Count: > 0 } values) return random.Pick(values).DeepClone();
        switch (field.Type)
        {
            case FieldType.Boolean:
                return random.Chance(0.5);
            case FieldType.Integer:
            {
                var min = (long)(c.Minimum ?? 0);
                var max = (long)(c.Maximum ?? min + 1000);
                // The edge profile keeps to the ends of the range.
                return profile.EvenMixes ? random.Pick([min, min + 1, max - 1, max]) : random.Between(min, max);
            }

            case FieldType.Number:
            {
                var min = (double)(c.Minimum ?? 0);
                var max = (double)(c.Maximum ?? (decimal)min + 1000);
                return Math.Round(min + ((max - min) * (random.NextU64() >> 11) * (1.0 / (1UL << 53))), 2);
            }

            case FieldType.Array:
            {
                // At least one item unless the definition caps the array at zero: an empty list shows nothing of the item's shape.
                var minItems = Math.Min(Math.Max(c.MinItems ?? 1, 1), c.MaxItems ?? int.MaxValue);
                var maxItems = Math.Max(minItems, Math.Min(c.MaxItems ?? 3, 3));
                var count = (int)random.Between(minItems, maxItems);
                var array = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    var itemKey = Seed.Combine(key, (ulong)i);
                    array.Add(Item(plan.Items!, itemKey, context));
                }

                return array;
            }

            case FieldType.Object:
                return plan.Members.Length == 0 ? new JsonObject() : Object(plan.Members, key, context);
            default:
                return Text(field, ref random, context);
        }
    }

    private JsonNode? Item(FieldPlan items, ulong key, RecordContext context)
    {
        if (items.Field.Type == FieldType.Object) return items.Members.Length == 0 ? new JsonObject() : Object(items.Members, key, context);
        var random = new FieldRandom(key);
        if (items.Hint.Length > 0 && Providers.TryProvide(items, ref random, context, null, out var provided)) return provided;
        var value = Generic(items, key, ref random, context);
        return ReferenceEquals(value, Absent) ? Text(items.Field, ref random, context) : value;
    }

    private JsonNode Text(FieldDef field, ref FieldRandom random, RecordContext context)
    {
        var c = field.Constraints;
        if (c.Format == "date-time") return Timeline.IsoZ(context.Created);
        if (c.Format == "uri") return $"https://{random.Pick(Vocabulary.Services)}.example.com/{random.Pick(Vocabulary.EnglishWords)}";
        if (c.Pattern is null && context.Dataset.Profile.StressesText) return StressText.Text(ref random, c.MinLength, c.MaxLength);
        var text = Providers.Phrase(ref random, context.Vocabulary, 2);
        var min = c.MinLength ?? 0;
        while (text.Length < min) text += "-" + random.Pick(context.Vocabulary.Words);
        if (c.MaxLength is { } max && text.Length > max) text = text[..max];
        if (c.Pattern is not null)
        {
            throw new InvalidOperationException(
                $"{Api.Id}: row '{field.Name}' has a pattern ({c.Pattern}) but no hint that generates matching values; add a hint to its definition");
        }

        return text;
    }
}
