using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Schemas;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core;

/// <summary>The loaded definitions and their derived schemas: the single model every tool reads.</summary>
public sealed class ContractCatalog
{
    private readonly Dictionary<string, ApiDefinition> _apis;
    private readonly Dictionary<(string Api, string Part), ApiSchema> _schemas = [];
    private readonly Dictionary<(string Api, string Part, SchemaView View), Lazy<SchemaValidator>> _validators = [];

    private ContractCatalog(IReadOnlyList<ApiDefinition> apis)
    {
        Apis = apis;
        _apis = apis.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var api in apis)
        {
            // Each schema is compiled once, on first use, and kept: the stub server validates requests on every call.
            foreach (var schema in SchemaBuilder.Build(api))
            {
                _schemas[(api.Id, schema.Part)] = schema;
                var published = new Lazy<SchemaValidator>(() => new SchemaValidator(schema.Schema));
                _validators[(api.Id, schema.Part, SchemaView.Published)] = published;
                _validators[(api.Id, schema.Part, SchemaView.Closed)] = ReferenceEquals(schema.Closed, schema.Schema) ? published : new Lazy<SchemaValidator>(() => new SchemaValidator(schema.Closed));
            }
        }
    }

    /// <summary>The APIs, ordered by id.</summary>
    public IReadOnlyList<ApiDefinition> Apis { get; }

    /// <summary>Every derived schema, ordered by API and part.</summary>
    public IEnumerable<ApiSchema> Schemas => _schemas.Values.OrderBy(s => s.ApiId, StringComparer.Ordinal).ThenBy(s => s.Part, StringComparer.Ordinal);

    /// <summary>Loads the definitions in <c>contracts/apis</c> under <paramref name="repositoryRoot"/>.</summary>
    /// <exception cref="DefinitionException">When a definition is malformed.</exception>
    public static ContractCatalog Load(string repositoryRoot) =>
        new(DefinitionLoader.LoadDirectory(Path.Combine(repositoryRoot, "contracts", "apis"), repositoryRoot));

    /// <summary>The prefix of the manifest resources that carry the built-in definitions and source pages.</summary>
    private const string BuiltInPrefix = "definitions/";

    /// <summary>
    /// The definitions this library was built with (the repository's <c>contracts/apis</c>), carried inside the
    /// assembly: what the <c>apicontracts</c> tool and an in-process stub use when no definitions folder is given.
    /// Messages name them <c>contracts/apis/&lt;id&gt;.yaml</c>.
    /// </summary>
    public static ContractCatalog LoadBuiltIn() =>
        new(DefinitionLoader.LoadAll(BuiltInFiles("contracts/apis/").Where(f => f.Name.EndsWith(".yaml", StringComparison.Ordinal))));

    /// <summary>
    /// The built-in definitions and the source pages they were written from, by repository path
    /// (<c>contracts/apis/&lt;id&gt;.yaml</c>, <c>contracts/sources/&lt;id&gt;.txt</c>), e.g. to copy them out and edit.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> BuiltInFiles() =>
        BuiltInFiles("contracts/").ToDictionary(f => f.Name, f => f.Bytes, StringComparer.Ordinal);

    private static IEnumerable<(string Name, byte[] Bytes)> BuiltInFiles(string under)
    {
        var assembly = typeof(ContractCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!resource.StartsWith(BuiltInPrefix + under, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (resource[BuiltInPrefix.Length..], copy.ToArray());
        }
    }

    /// <summary>Builds a catalog from already loaded definitions.</summary>
    public static ContractCatalog From(IReadOnlyList<ApiDefinition> apis) => new(apis);

    /// <summary>The API with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">With the known ids, when there is none.</exception>
    public ApiDefinition Api(string id) => _apis.TryGetValue(id, out var api)
        ? api
        : throw new KeyNotFoundException($"unknown API '{id}' (known: {string.Join(", ", _apis.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The schema for a part (<c>request.body</c>, <c>response.200</c>), or null.</summary>
    public ApiSchema? Schema(string apiId, string part) => _schemas.GetValueOrDefault((apiId, part));

    /// <summary>The parts an API has schemas for.</summary>
    public IEnumerable<string> Parts(string apiId) => _schemas.Keys.Where(k => k.Api == apiId).Select(k => k.Part).Order(StringComparer.Ordinal);

    /// <summary>
    /// Validates <paramref name="payload"/> against the closed view of the schema of <paramref name="part"/>:
    /// the toolkit's own strict reading, where a member the tables do not list is an error. Request schemas
    /// read the same in both views; use <see cref="SchemaView.Published"/> to judge a provider's answer as the
    /// published schema does.
    /// </summary>
    /// <exception cref="KeyNotFoundException">When the API or part is unknown.</exception>
    public IReadOnlyList<ValidationError> Validate(string apiId, string part, JsonNode? payload) => Validate(apiId, part, payload, SchemaView.Closed);

    /// <summary>Validates <paramref name="payload"/> against the schema of <paramref name="part"/> in <paramref name="view"/>.</summary>
    /// <exception cref="KeyNotFoundException">When the API or part is unknown.</exception>
    public IReadOnlyList<ValidationError> Validate(string apiId, string part, JsonNode? payload, SchemaView view)
    {
        var api = Api(apiId);
        if (!_validators.TryGetValue((api.Id, part, view), out var validator))
        {
            throw new KeyNotFoundException($"API '{apiId}' has no schema '{part}' (known: {string.Join(", ", Parts(apiId))})");
        }

        return validator.Value.Validate(payload);
    }
}
