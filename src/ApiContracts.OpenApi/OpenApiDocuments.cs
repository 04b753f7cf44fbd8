using System.Globalization;
using ApiContracts.Core;
using Microsoft.OpenApi;

namespace ApiContracts.OpenApi;

/// <summary>
/// One OpenAPI document per provider (<c>servicestage</c>, <c>pai-dsw</c>, <c>evs</c>), built from the
/// definitions and their derived schemas with Microsoft.OpenApi and written in OpenAPI 3.1 and 3.0.
/// </summary>
public static class OpenApiDocuments
{
    /// <summary>The versions every document is written in, with the file suffix of each.</summary>
    public static IReadOnlyList<(OpenApiSpecVersion Version, string Suffix)> Versions { get; } =
    [
        (OpenApiSpecVersion.OpenApi3_1, "3.1"),
        (OpenApiSpecVersion.OpenApi3_0, "3.0"),
    ];

    /// <summary>The providers of <paramref name="catalog"/>, ordered.</summary>
    public static IReadOnlyList<string> Providers(ContractCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Apis.Select(a => a.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The document of <paramref name="provider"/>'s APIs.</summary>
    /// <exception cref="ArgumentException">When no API has that provider.</exception>
    /// <exception cref="InvalidOperationException">When a schema uses a rule the export cannot carry over.</exception>
    public static OpenApiDocument Build(ContractCatalog catalog, string provider)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var apis = catalog.Apis.Where(a => string.Equals(a.Provider, provider, StringComparison.Ordinal)).ToList();
        if (apis.Count == 0)
        {
            throw new ArgumentException($"no API has the provider '{provider}' (providers: {string.Join(", ", Providers(catalog))})", nameof(provider));
        }

        return new ProviderDocument(catalog, provider, apis).Build();
    }

    /// <summary>The document's text in <paramref name="version"/>: indented JSON, LF line ends, a final newline.</summary>
    public static string Write(OpenApiDocument document, OpenApiSpecVersion version)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var writer = new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = false });
        switch (version)
        {
            case OpenApiSpecVersion.OpenApi3_1:
                document.SerializeAsV31(writer);
                break;
            case OpenApiSpecVersion.OpenApi3_0:
                document.SerializeAsV3(writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(version), version, "the documents are written in OpenAPI 3.1 and 3.0 only");
        }

        text.Flush();
        return text.ToString() + "\n";
    }

    /// <summary>The file name of a provider's document in a version suffix (<c>3.1</c>, <c>3.0</c>).</summary>
    public static string FileName(string provider, string suffix) => $"{provider}.openapi.{suffix}.json";
}
