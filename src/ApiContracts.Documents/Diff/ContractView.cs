namespace ApiContracts.Documents.Diff;

/// <summary>What part of an API a node of a <see cref="ContractView"/> belongs to; the diff rules depend on it.</summary>
public enum Area
{
    /// <summary>Our own words and bookkeeping: title, summary, source page, dataset, assumptions.</summary>
    Info,

    /// <summary>Method, path, host, success status, the status table as printed.</summary>
    Operation,

    /// <summary>The credential header.</summary>
    Auth,

    /// <summary>A request parameter or header (path, query, headers).</summary>
    RequestParameter,

    /// <summary>A request body field.</summary>
    RequestBody,

    /// <summary>A field of the success body.</summary>
    Response,

    /// <summary>The error body: its style, fields, code pattern, wrappers, and each error status's code.</summary>
    Error,

    /// <summary>An answered status.</summary>
    Status,

    /// <summary>The paging model.</summary>
    Paging,

    /// <summary>A documented example payload.</summary>
    Example,

    /// <summary>A table's caption.</summary>
    Table,
}

/// <summary>One place of a definition (a row, a table, the operation, the paging model) and its facts.</summary>
/// <param name="Key">The key nodes are matched by across two views (the success status written <c>*</c>).</param>
/// <param name="Pointer">The JSON pointer shown in reports (<c>/request/query/limit</c>).</param>
/// <param name="Area">What part of the API it is.</param>
/// <param name="Facts">Its facts by name; a fact whose value is null is known to be absent, a missing fact is unknown.</param>
/// <param name="IsRow">Whether the node is a table row (rows are added and removed; other nodes only change).</param>
public sealed record ViewNode(string Key, string Pointer, Area Area, IReadOnlyDictionary<string, string?> Facts, bool IsRow);

/// <summary>
/// A definition flattened to nodes and facts, the form the diff compares. Built from a loaded definition
/// (<see cref="DefinitionView"/>) or from an imported page (<see cref="ImportView"/>), which states only what
/// the page says and leaves the rest unknown.
/// </summary>
/// <param name="Id">The API id.</param>
/// <param name="Nodes">The nodes in definition order.</param>
public sealed record ContractView(string Id, IReadOnlyList<ViewNode> Nodes)
{
    /// <summary>The node with <paramref name="key"/>, or null.</summary>
    public ViewNode? Find(string key) => Nodes.FirstOrDefault(n => n.Key == key);
}

/// <summary>Builds node lists; keys and pointers follow RFC 6901 escaping.</summary>
internal sealed class ViewBuilder
{
    private readonly List<ViewNode> _nodes = [];
    private readonly string _successStatus;

    public ViewBuilder(int? successStatus) => _successStatus = successStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "200";

    public IReadOnlyList<ViewNode> Nodes => _nodes;

    /// <summary>One escaped pointer segment.</summary>
    public static string Segment(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The key and pointer of a place under the success body, or elsewhere.</summary>
    public (string Key, string Pointer) Place(string pointer) =>
        pointer.StartsWith("/responses/*", StringComparison.Ordinal) ? (pointer, "/responses/" + _successStatus + pointer["/responses/*".Length..]) : (pointer, pointer);

    public void Add(string pointer, Area area, Dictionary<string, string?> facts, bool isRow = false)
    {
        var (key, shown) = Place(pointer);
        _nodes.Add(new ViewNode(key, shown, area, facts, isRow));
    }
}
