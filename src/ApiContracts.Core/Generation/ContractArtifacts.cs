using ApiContracts.Core.Docs;
using ApiContracts.Core.Json;

namespace ApiContracts.Core.Generation;

/// <summary>The artifacts derived from the definitions alone: schemas and the per-API pages.</summary>
public static class ContractArtifacts
{
    /// <summary>Folder of the derived schemas.</summary>
    public const string SchemaFolder = "contracts/schemas";

    /// <summary>Folder of the generated API pages.</summary>
    public const string DocsFolder = "contracts/docs";

    /// <summary>Adds the schemas and pages of <paramref name="catalog"/> to <paramref name="set"/>.</summary>
    public static void AddTo(ArtifactSet set, ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(catalog);
        set.Own(SchemaFolder);
        set.Own(DocsFolder);
        var schemas = catalog.Schemas.ToList();
        foreach (var schema in schemas)
        {
            set.Add($"{SchemaFolder}/{schema.FileName}", CanonicalJson.Write(schema.Schema));
        }

        // Sorted once; each API's group keeps that order.
        var byApi = schemas.ToLookup(s => s.ApiId, StringComparer.Ordinal);
        foreach (var api in catalog.Apis)
        {
            set.Add($"{DocsFolder}/{api.Id}.md", DocsWriter.Page(api, byApi[api.Id]));
        }

        set.Add($"{DocsFolder}/README.md", DocsWriter.Index(catalog.Apis));
    }
}
