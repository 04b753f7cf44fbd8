using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.States;

namespace ApiContracts.Pact.Contracts;

/// <summary>
/// The success bodies of the reference pacts, written so that any conforming provider matches them: one
/// example element per array (matched element by element with <c>type</c> and a <c>min</c>), only the fields
/// a provider always sends (mandatory and never null), and the matching rules of those fields alone. Nullable
/// and optional fields are left out (Pact ignores extra actual fields); record states ask for them.
/// </summary>
internal static partial class ReferenceBodies
{
    /// <summary>How many generated records the example values are taken from.</summary>
    private const int Samples = 40;

    /// <summary>A list item every conforming provider sends: built from the first records of a dataset.</summary>
    public static JsonObject Item(ApiDefinition api)
    {
        var parent = api.Dataset.Parents[0];
        var dataset = new Dataset(api, parent, 1, Samples);
        var samples = new RecordGenerator(api).Records(dataset, 0, Samples).ToList();
        return Item(RecordGenerator.ItemsField(api)!.Items!.Fields!, samples, api.Id);
    }

    private static JsonObject Item(FieldTable table, IReadOnlyList<JsonObject> samples, string where)
    {
        var item = new JsonObject();
        foreach (var field in table.Fields)
        {
            if (!field.Mandatory || field.Constraints.Nullable) continue;
            var values = samples.Select(s => s[field.Name]).Where(v => v is not null).ToList();
            var at = $"{where}/{field.Name}";
            if (values.Count == 0) throw new InvalidOperationException($"{at}: no sample record carries this mandatory field");
            item[field.Name] = field.Type switch
            {
                FieldType.Array => new JsonArray(Element(field, values.OfType<JsonArray>().SelectMany(a => a).ToList(), at)),
                FieldType.Object when field.Fields is not null => Item(field.Fields, values.OfType<JsonObject>().ToList(), at),
                FieldType.Object => new JsonObject(), // a free-form map: any object matches
                _ => values[0]!.DeepClone(),
            };
        }

        return item;
    }

    private static JsonNode Element(FieldDef array, IReadOnlyList<JsonNode?> elements, string where)
    {
        if (elements.FirstOrDefault(e => e is not null) is not { } first) throw new InvalidOperationException($"{where}: no sample record has an element in this array");
        return array.Items?.Fields is { } fields ? Item(fields, elements.OfType<JsonObject>().ToList(), where + "[*]") : first.DeepClone();
    }

    /// <summary>
    /// The success body: <paramref name="items"/>, <paramref name="total"/>, <paramref name="links"/> when given,
    /// and the envelope members a provider always sends.
    /// </summary>
    public static JsonObject Page(ApiDefinition api, IEnumerable<JsonObject> items, long total, JsonArray? links)
    {
        var page = PageBuilder.Page(api, items, total, links, 1);
        foreach (var field in api.Success.Body!.Fields)
        {
            var isLinks = field.Name == api.Pagination!.Links?.Field;
            if (field.Constraints.Nullable || (!field.Mandatory && !isLinks)) page.Remove(field.Name);
        }

        return page;
    }

    /// <summary>The rules of <paramref name="rules"/> whose path leads to a value of <paramref name="body"/>.</summary>
    public static JsonObject Present(JsonObject rules, JsonNode body)
    {
        var kept = new JsonObject();
        foreach (var (path, rule) in rules)
        {
            if (Resolve(body, path) is not null) kept[path] = rule!.DeepClone();
        }

        return kept;
    }

    /// <summary>The rules a record state adds for the fields it asks for, on the list items at <paramref name="itemsPath"/>.</summary>
    public static IEnumerable<(string Path, JsonObject Rule)> RecordRules(RecordState state, string itemsPath, JsonObject general)
    {
        foreach (var field in state.Fields)
        {
            var path = itemsPath + "[*]" + MatchingRules.Segment(field.Name);
            if (field.Value is null) yield return (path, MatchingRules.Rule(false, new JsonObject { ["match"] = "null" }));
            else if (field.Exact) yield return (path, MatchingRules.Rule(false, new JsonObject { ["match"] = "regex", ["regex"] = "^" + Literal((string)field.Value!) + "$" }));
            else yield return (path, (JsonObject)(general[path] ?? MatchingRules.Rule(false, new JsonObject { ["match"] = "type" })).DeepClone());
        }
    }

    // A regex matching exactly the text: its metacharacters escaped (only those, so every regex dialect reads it alike).
    private static string Literal(string text) => MetaCharacters().Replace(text, @"\$0");

    [GeneratedRegex(@"[\\.^$|?*+()\[\]{}]")]
    private static partial Regex MetaCharacters();

    // The value at a rule path ($.a.b[*].c, $['x:y']); [*] looks at the first element. Null when absent.
    private static JsonNode? Resolve(JsonNode body, string path)
    {
        JsonNode? node = body;
        foreach (Match step in PathStep().Matches(path))
        {
            node = step.Value == "[*]" ? (node as JsonArray)?.FirstOrDefault()
                : node is JsonObject o && o.TryGetPropertyValue(step.Groups[1].Success ? step.Groups[1].Value : step.Groups[2].Value, out var child) ? child ?? JsonValue.Create("null")
                : null;
            if (node is null) return null;
        }

        return node;
    }

    [GeneratedRegex(@"\.([A-Za-z0-9_]+)|\['([^']*)'\]|\[\*\]")]
    private static partial Regex PathStep();
}
