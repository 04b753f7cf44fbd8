using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Validation;

/// <summary>
/// Finds the <c>$ref</c>s of a schema document that cannot resolve: nothing is fetched, so a reference must point
/// into the document itself (a JSON pointer or an <c>$id</c> it declares) or at a draft meta-schema. JsonSchema.Net
/// resolves references only when an instance reaches them; this finds them before any instance is read.
/// </summary>
internal static class References
{
    // A base for a schema without an absolute $id, so that relative references resolve against something.
    private static readonly Uri LocalBase = new("https://apicontracts.invalid/schema.json");

    // Keywords whose values are data, not schemas.
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "enum", "const", "examples", "default" };

    private static readonly HashSet<string> MetaSchemas = new(StringComparer.Ordinal)
    {
        "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-04/schema",
    };

    public static IEnumerable<ValidationError> Unresolvable(JsonNode schema)
    {
        var resources = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<(string Pointer, string Reference, Uri Target)>();
        Walk(schema, RootBase(schema), string.Empty, resources, anchors, references);
        foreach (var (pointer, reference, target) in references)
        {
            var document = target.GetLeftPart(UriPartial.Query);
            var fragment = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
            if (MetaSchemas.Contains(document.TrimEnd('#'))) continue;
            if (!resources.TryGetValue(document, out var resource))
            {
                yield return new ValidationError(pointer, $"$ref '{reference}' points outside this schema file; only references within it (such as #/definitions/name) are resolved");
            }
            else if (fragment.StartsWith('/') && Follow(resource, fragment) is null)
            {
                yield return new ValidationError(pointer, $"$ref '{reference}' does not resolve: nothing is at {fragment}");
            }
            else if (fragment.Length > 0 && !fragment.StartsWith('/') && !anchors.Contains(document + "#" + fragment))
            {
                yield return new ValidationError(pointer, $"$ref '{reference}' does not resolve: no $id names #{fragment}");
            }
        }
    }

    private static Uri RootBase(JsonNode schema) =>
        schema is JsonObject o && o["$id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && Uri.TryCreate(id.GetValue<string>(), UriKind.Absolute, out var uri)
            ? uri
            : LocalBase;

    private static void Walk(JsonNode? node, Uri baseUri, string at, Dictionary<string, JsonNode> resources, HashSet<string> anchors, List<(string, string, Uri)> references)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && Uri.TryCreate(baseUri, id.GetValue<string>(), out var declared))
                {
                    if (declared.Fragment.Length > 1) anchors.Add(declared.GetLeftPart(UriPartial.Query) + declared.Fragment);
                    else baseUri = declared;
                }

                resources.TryAdd(baseUri.GetLeftPart(UriPartial.Query), o);
                if (o["$ref"] is JsonValue r && r.GetValueKind() == JsonValueKind.String && Uri.TryCreate(baseUri, r.GetValue<string>(), out var target))
                {
                    references.Add((at + "/$ref", r.GetValue<string>(), target));
                }

                foreach (var (key, child) in o)
                {
                    if (!DataKeywords.Contains(key)) Walk(child, baseUri, $"{at}/{Escape(key)}", resources, anchors, references);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], baseUri, $"{at}/{i.ToString(CultureInfo.InvariantCulture)}", resources, anchors, references);
                break;
        }
    }

    private static JsonNode? Follow(JsonNode node, string pointer)
    {
        JsonNode? current = node;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (current is null) return null;
        }

        return current;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
