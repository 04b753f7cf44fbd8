using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiContracts.Documents.Diff;

/// <summary>
/// The classification rules: who a change breaks and why, by the part of the API it is in. The request side
/// breaks consumers when it asks more of them and providers when it asks them to accept more; the response
/// side the other way round; any change to the error body or to a paging rule breaks consumers.
/// </summary>
public static partial class DiffRules
{
    private const Severity C = Severity.BreakingForConsumers;
    private const Severity P = Severity.BreakingForProviders;
    private const Severity Ok = Severity.Compatible;

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "description", "doc_text", "hint", "doc_example", "doc_type", "origin", "assumptions", "note",
        "items.description", "items.doc_text", "items.hint", "items.doc_type", "items.assumptions", "items.doc_example",
    };

    /// <summary>A row present only in the new definition.</summary>
    public static IEnumerable<Change> RowAdded(string api, ViewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var what = What(node);
        var mandatory = node.Facts.GetValueOrDefault("mandatory") == "true";
        yield return node.Area switch
        {
            Area.RequestParameter or Area.RequestBody when mandatory => New(api, node, "request-mandatory-added", C, $"{what} is new and mandatory: existing clients do not send it, and their requests are now invalid"),
            Area.RequestParameter or Area.RequestBody => New(api, node, "request-optional-added", Ok, $"{what} is new and optional: existing clients need not send it"),
            Area.Response when mandatory => New(api, node, "response-mandatory-added", P, $"{what} is new and always present: an existing implementation does not send it yet"),
            Area.Response => New(api, node, "response-optional-added", Ok, $"{what} is new and optional: clients that do not know it can ignore it"),
            Area.Error => New(api, node, "error-body-changed", C, $"{what} is new in the error body: clients that read errors meet a different body"),
            Area.Status => New(api, node, "response-status-added", Ok, $"the status {Last(node.Pointer)} is now answered (with the API's error body)"),
            Area.Example => New(api, node, "example-changed", Ok, $"the example {Last(node.Pointer)} is new"),
            _ => New(api, node, "description-changed", Ok, $"{node.Pointer} is new (our own bookkeeping)"),
        };
    }

    /// <summary>A row present only in the old definition.</summary>
    public static IEnumerable<Change> RowRemoved(string api, ViewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var what = What(node);
        yield return node.Area switch
        {
            Area.RequestParameter or Area.RequestBody => New(api, node, "request-removed", C, $"{what} was removed: clients that send it are no longer understood (a closed body rejects it)"),
            Area.Response => New(api, node, "response-removed", C, $"{what} was removed: clients that read it find nothing"),
            Area.Error => New(api, node, "error-body-changed", C, $"{what} was removed from the error body: clients that read it find nothing"),
            Area.Status => New(api, node, "response-status-removed", Ok, $"the status {Last(node.Pointer)} is no longer answered"),
            Area.Example => New(api, node, "example-changed", Ok, $"the example {Last(node.Pointer)} was removed"),
            _ => New(api, node, "description-changed", Ok, $"{node.Pointer} was removed (our own bookkeeping)"),
        };
    }

    /// <summary>A node other than a row (the paging model, a table) present only in the new definition.</summary>
    public static IEnumerable<Change> NodeAdded(string api, ViewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Area == Area.Paging) yield return New(api, node, "paging-rule-changed", C, "the API now pages its list: a client that read the whole list in one answer now gets one page");
        else yield return New(api, node, node.Area == Area.Table ? "table-caption-changed" : "description-changed", Ok, $"{node.Pointer} is new");
    }

    /// <summary>A node other than a row present only in the old definition.</summary>
    public static IEnumerable<Change> NodeRemoved(string api, ViewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Area == Area.Paging) yield return New(api, node, "paging-rule-changed", C, "the API no longer pages its list: clients that walk pages meet a different answer");
        else yield return New(api, node, node.Area == Area.Table ? "table-caption-changed" : "description-changed", Ok, $"{node.Pointer} was removed");
    }

    /// <summary>One fact of a node changed from <paramref name="old"/> to <paramref name="new"/> (null: not set).</summary>
    public static IEnumerable<Change> FactChanged(string api, ViewNode node, string key, string? old, string? @new)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(key);
        var pointer = node.Pointer + "/" + key.Replace('.', '/');
        var was = $"{Show(old)} -> {Show(@new)}";
        if (Words.Contains(key) || key == "table")
        {
            var kind = key is "table" ? "table-caption-changed" : "description-changed";
            yield return new Change(api, pointer, kind, Ok, $"{What(node)}: {key.Replace('_', ' ')} changed ({was}); words only");
            yield break;
        }

        switch (node.Area)
        {
            case Area.RequestParameter or Area.RequestBody:
                foreach (var change in Request(api, node, pointer, key, old, @new, was)) yield return change;
                break;
            case Area.Response:
                foreach (var change in Response(api, node, pointer, key, old, @new, was)) yield return change;
                break;
            case Area.Error or Area.Status when key is not "description":
                yield return new Change(api, pointer, "error-body-changed", C, $"the error body changed: {What(node)} {key.Replace('_', ' ')} {was}; clients that read errors meet a different body");
                break;
            case Area.Paging:
                var rule = PagingFacts.Rule(key);
                yield return new Change(api, pointer, "paging-rule-changed", C, $"the paging rule changed: {rule} {was}; clients that walk the list page by page meet different pages");
                break;
            case Area.Operation when key == "documented_statuses":
                yield return new Change(api, pointer, "statuses-as-printed-changed", Ok, $"the page's status table changed ({was}); what is answered is set per response");
                break;
            case Area.Operation when key == "success_status":
                yield return new Change(api, pointer, "success-status-changed", C, $"the success status changed ({was}): clients that check it see another");
                break;
            case Area.Operation:
                yield return new Change(api, pointer, "operation-changed", C, $"the request line changed: {key} {was}; existing clients call the old one");
                break;
            case Area.Auth:
                yield return new Change(api, pointer, "auth-changed", C, $"the credential changed: {key} {was}; existing clients send the old one");
                break;
            case Area.Example:
                yield return new Change(api, pointer, "example-changed", Ok, $"the example {Last(node.Pointer)} changed; examples document, they do not constrain");
                break;
            case Area.Table:
                yield return new Change(api, pointer, "table-caption-changed", Ok, $"the caption changed ({was})");
                break;
            default:
                yield return new Change(api, pointer, node.Pointer.StartsWith("/assumptions", StringComparison.Ordinal) ? "assumption-changed" : "description-changed", Ok, $"{node.Pointer}: {key.Replace('_', ' ')} changed ({was}); our own words and bookkeeping");
                break;
        }
    }

    private static Change New(string api, ViewNode node, string kind, Severity severity, string message) => new(api, node.Pointer, kind, severity, message);

    /// <summary>How messages name a node: <c>the query parameter 'limit'</c>, <c>the response field 'count'</c>.</summary>
    public static string What(ViewNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = $"'{Unescape(Last(node.Pointer))}'";
        return node.Area switch
        {
            Area.RequestParameter when node.Pointer.StartsWith("/request/path/", StringComparison.Ordinal) => $"the path parameter {name}",
            Area.RequestParameter when node.Pointer.StartsWith("/request/headers/", StringComparison.Ordinal) => $"the header {name}",
            Area.RequestParameter => $"the query parameter {name}",
            Area.RequestBody => $"the body field {name} ({node.Pointer})",
            Area.Response => $"the response field {name} ({node.Pointer})",
            Area.Error when node.Pointer == "/errors" => "the error body",
            Area.Error => $"the error body field {name}",
            Area.Status => $"the error answer of status {Last(node.Pointer)}",
            _ => node.Pointer,
        };
    }

    private static string Last(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Show(string? value) => value is null ? "(none)" : value.Length > 60 ? value[..57] + "..." : value;
}
