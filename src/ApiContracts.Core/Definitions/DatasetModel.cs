namespace ApiContracts.Core.Definitions;

/// <summary>What a dataset of the API is: its parent resource, the known parents, constant envelope members.</summary>
/// <param name="Description">What a record is, in our words.</param>
/// <param name="Parent">The path parameter naming the parent resource (a record belongs to one parent).</param>
/// <param name="Parents">The known parents, each a full set of path parameter values; the first is the default.</param>
/// <param name="Envelope">Constant members of the success envelope (PAI's <c>Success</c>).</param>
/// <param name="Source">For APIs that act on another API's records: that API's id.</param>
public sealed record DatasetModel(
    string Description,
    string Parent,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Parents,
    System.Text.Json.Nodes.JsonObject Envelope,
    string? Source)
{
    /// <summary>The known parent whose parent id is <paramref name="parentId"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? FindParent(string parentId) =>
        Parents.FirstOrDefault(p => string.Equals(p[Parent], parentId, StringComparison.Ordinal));
}
