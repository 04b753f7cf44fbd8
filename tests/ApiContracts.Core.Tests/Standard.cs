using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ApiContracts.Core.Json;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Core.Tests;

/// <summary>
/// NJsonSchema 11.6.2 as an independent .NET draft-07 validator: the generated schemas must be enforced by it
/// too (no if/then/else, const or propertyNames that it would silently ignore).
/// </summary>
internal static class Standard
{
    private static readonly ConcurrentDictionary<object, NJsonSchema.JsonSchema> Cache = new(ReferenceEqualityComparer.Instance);

    /// <summary>NJsonSchema's errors for <paramref name="payload"/> against a catalog schema in <paramref name="view"/> (closed, as <c>Catalog.Validate</c>).</summary>
    public static IReadOnlyList<string> Validate(string apiId, string part, JsonNode? payload, SchemaView view = SchemaView.Closed) =>
        Validate(Repo.Catalog.Schema(apiId, part)!.In(view), payload);

    /// <summary>NJsonSchema's errors for <paramref name="payload"/> against <paramref name="schema"/> (read once per schema object).</summary>
    public static IReadOnlyList<string> Validate(JsonNode schema, JsonNode? payload)
    {
        var compiled = Cache.GetOrAdd(schema, s => NJsonSchema.JsonSchema.FromJsonAsync(CanonicalJson.Write((JsonNode)s)).GetAwaiter().GetResult());
        return compiled.Validate(payload?.ToJsonString() ?? "null").Select(e => e.ToString()).ToList();
    }
}
