using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Export;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// The records an API's fixtures are made of: one list item of the success response for listing APIs,
/// a request body with its job response for the action API.
/// </summary>
public sealed class FixtureSource
{
    private readonly RecordGenerator? _items;
    private readonly ActionFixtures? _actions;

    private FixtureSource(ApiDefinition api, RecordGenerator? items, ActionFixtures? actions)
    {
        Api = api;
        _items = items;
        _actions = actions;
        Columns = Flatten.Columns(api, items is not null);
    }

    /// <summary>The API.</summary>
    public ApiDefinition Api { get; }

    /// <summary>The CSV columns: JSON pointers of the record's leaves, in definition order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>What one record is, for messages and docs.</summary>
    public string RecordKind => _items is not null ? $"one item of {Api.Pagination!.Items}" : "a request body with its job response";

    /// <summary>The source for <paramref name="apiId"/>.</summary>
    /// <exception cref="KeyNotFoundException">When the API is unknown.</exception>
    public static FixtureSource For(ContractCatalog catalog, string apiId, GeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var api = catalog.Api(apiId);
        return RecordGenerator.ItemsField(api) is not null
            ? new FixtureSource(api, new RecordGenerator(api, options), null)
            : new FixtureSource(api, null, new ActionFixtures(api, catalog, options));
    }

    /// <summary>Record <paramref name="index"/> of <paramref name="dataset"/>.</summary>
    public JsonObject Record(Dataset dataset, long index) =>
        _items is not null ? _items.Record(dataset, index) : _actions!.Record(dataset, index);
}
