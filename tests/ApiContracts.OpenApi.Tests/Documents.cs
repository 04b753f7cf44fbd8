using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;

namespace ApiContracts.OpenApi.Tests;

/// <summary>The committed documents, and where each API sits in them.</summary>
internal static class Documents
{
    public static readonly string[] Providers = ["evs", "pai-dsw", "servicestage"];

    public static readonly string[] Versions = ["3.1", "3.0"];

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in Providers)
        {
            foreach (var version in Versions) data.Add(provider, version);
        }

        return data;
    }

    public static TheoryData<string, string> EveryApiInEveryVersion()
    {
        var data = new TheoryData<string, string>();
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var version in Versions) data.Add(api.Id, version);
        }

        return data;
    }

    public static string PathOf(string provider, string version) =>
        Path.Combine(Repo.Root, "contracts", "openapi", $"{provider}.openapi.{version}.json");

    public static string Text(string provider, string version) => File.ReadAllText(PathOf(provider, version));

    public static JsonObject Json(string provider, string version) => JsonNode.Parse(Text(provider, version))!.AsObject();

    /// <summary>The API's operation object in the committed document of its provider.</summary>
    public static JsonObject Operation(ApiDefinition api, string version) =>
        Json(api.Provider, version)["paths"]![api.Operation.Path]![api.Operation.Method.ToLowerInvariant()]!.AsObject();

    /// <summary>The component a media type's schema refers to.</summary>
    public static JsonObject Resolve(JsonObject document, JsonNode? schema)
    {
        var reference = schema?["$ref"]?.GetValue<string>() ?? throw new InvalidOperationException($"not a reference: {schema?.ToJsonString()}");
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference, StringComparison.Ordinal);
        return document["components"]!["schemas"]![reference[prefix.Length..]]!.AsObject();
    }

    /// <summary>A published schema without what identifies its file, as the documents carry it.</summary>
    public static JsonObject Published(string apiId, string part, params string[] alsoDrop)
    {
        var schema = Repo.Catalog.Schema(apiId, part)!.Schema.DeepClone().AsObject();
        foreach (var key in new[] { "$schema", "$id", "$comment", "title", "examples" }.Concat(alsoDrop)) schema.Remove(key);
        return schema;
    }

    /// <summary>The path of the API under its first known parent.</summary>
    public static string ParentPath(ApiDefinition api, int parent = 0) => api.PathFor(api.Dataset.Parents[parent]);

    /// <summary>The credential header's value the stub accepts (any non-empty value without --token).</summary>
    public static string Credential(ApiDefinition api) =>
        api.Auth.Header == "Authorization" ? "acs test:signature" : "token-1";
}
