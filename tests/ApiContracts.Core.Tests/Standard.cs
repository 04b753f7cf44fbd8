using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;

namespace ApiContracts.Core.Tests;

/// <summary>
/// NJsonSchema as an independent draft-07 validator: the generated schemas must be enforced by it
/// too (no if/then/else, const or propertyNames that it would silently ignore).
/// </summary>
internal static class Standard
{
    private static readonly ConcurrentDictionary<(string, string), NJsonSchema.JsonSchema> Cache = new();

    public static IReadOnlyList<string> Validate(string apiId, string part, JsonNode payload)
    {
        var schema = Cache.GetOrAdd((apiId, part), key =>
            NJsonSchema.JsonSchema.FromJsonAsync(CanonicalJson.Write(Repo.Catalog.Schema(key.Item1, key.Item2)!.Schema)).GetAwaiter().GetResult());
        return schema.Validate(payload.ToJsonString()).Select(e => e.ToString()).ToList();
    }
}
