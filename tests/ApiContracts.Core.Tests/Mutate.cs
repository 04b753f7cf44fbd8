using System.Text.Json.Nodes;

namespace ApiContracts.Core.Tests;

/// <summary>Edits a JSON document at a pointer.</summary>
internal static class Mutate
{
    public static JsonNode Remove(JsonNode root, string pointer)
    {
        var copy = root.DeepClone();
        var (parent, name) = Locate(copy, pointer);
        if (parent is JsonObject o) Assert.True(o.Remove(name), $"{pointer} was not there to remove");
        else ((JsonArray)parent).RemoveAt(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture));
        return copy;
    }

    public static JsonNode Set(JsonNode root, string pointer, JsonNode? value)
    {
        var copy = root.DeepClone();
        var (parent, name) = Locate(copy, pointer);
        if (parent is JsonObject o) o[name] = value;
        else ((JsonArray)parent)[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = value;
        return copy;
    }

    private static (JsonNode Parent, string Name) Locate(JsonNode root, string pointer)
    {
        var tokens = pointer.Trim('/').Split('/');
        var node = root;
        foreach (var token in tokens[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)]! : node[token]!;
        }

        return (node, tokens[^1]);
    }
}
