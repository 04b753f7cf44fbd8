using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiContracts.Documents.Diff;

/// <summary>
/// The classification rules: who a change breaks and why, by the part of the API it is in. The request side
/// breaks consumers when it asks more of them and providers when it asks them to accept more; the response
/// side the other way round; any change to the error body or to a paging rule breaks consumers.
/// </summary>
public static class DiffRules
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

    private static IEnumerable<Change> Request(string api, ViewNode node, string pointer, string key, string? old, string? @new, string was)
    {
        var what = What(node);
        var items = key.StartsWith("items.", StringComparison.Ordinal) ? "the items of " : string.Empty;
        var bare = items.Length > 0 ? key["items.".Length..] : key;
        switch (bare)
        {
            case "mandatory":
                yield return @new == "true"
                    ? new Change(api, pointer, "request-became-mandatory", C, $"{what} became mandatory: clients that leave it out are now rejected")
                    : new Change(api, pointer, "request-became-optional", P, $"{what} became optional: an implementation must now answer requests without it");
                break;
            case "type":
                yield return new Change(api, pointer, "request-type-changed", C, $"the type of {items}{what} changed ({was}): clients send the old type");
                break;
            case "enum":
                foreach (var change in Enum(api, pointer, $"{items}{what}", old, @new, request: true)) yield return change;
                break;
            case "minimum" or "min_length" or "min_items" or "maximum" or "max_length" or "max_items":
                var narrowed = Narrowed(bare, old, @new);
                yield return narrowed
                    ? new Change(api, pointer, "request-bounds-narrowed", C, $"the {bare.Replace('_', ' ')} of {items}{what} narrows the accepted values ({was}): clients that send values now outside are rejected")
                    : new Change(api, pointer, "request-bounds-widened", P, $"the {bare.Replace('_', ' ')} of {items}{what} widens the accepted values ({was}): an implementation must now accept more");
                break;
            case "pattern" or "format":
                yield return @new is null
                    ? new Change(api, pointer, $"request-{bare}-changed", P, $"{items}{what} lost its {bare} ({was}): an implementation must now accept any text")
                    : new Change(api, pointer, $"request-{bare}-changed", C, $"the {bare} of {items}{what} changed ({was}): clients' values may no longer match");
                break;
            case "default" when node.Facts.GetValueOrDefault("mandatory") == "true" && items.Length == 0:
                yield return new Change(api, pointer, "request-default-changed", Ok, $"the default of {what} changed ({was}), but it is mandatory: clients always send it, so the default is never used");
                break;
            case "default":
                yield return new Change(api, pointer, "request-default-changed", C, $"the default of {items}{what} changed ({was}): clients that leave it out get a different answer");
                break;
            case "nullable":
                yield return @new == "true"
                    ? new Change(api, pointer, "request-nullable-changed", P, $"{items}{what} may now be null: an implementation must accept null")
                    : new Change(api, pointer, "request-nullable-changed", C, $"{items}{what} may no longer be null: clients that send null are rejected");
                break;
            case "required_when":
                yield return @new is null
                    ? new Change(api, pointer, "request-requirement-changed", P, $"{what} is no longer conditionally required ({was}): an implementation must cope without it")
                    : new Change(api, pointer, "request-requirement-changed", C, $"{what} is required under other conditions ({was}): clients that leave it out may now be rejected");
                break;
            case "additional_properties":
                yield return @new == "true"
                    ? new Change(api, pointer, "request-closed-changed", P, $"{items}{what} now takes any members: an implementation must accept them")
                    : new Change(api, pointer, "request-closed-changed", C, $"{items}{what} no longer takes unlisted members: clients that send them are rejected");
                break;
            default:
                yield return new Change(api, pointer, "description-changed", Ok, $"{what}: {key} changed ({was})");
                break;
        }
    }

    private static IEnumerable<Change> Response(string api, ViewNode node, string pointer, string key, string? old, string? @new, string was)
    {
        var what = What(node);
        var items = key.StartsWith("items.", StringComparison.Ordinal) ? "the items of " : string.Empty;
        var bare = items.Length > 0 ? key["items.".Length..] : key;
        switch (bare)
        {
            case "mandatory":
                yield return @new == "true"
                    ? new Change(api, pointer, "response-became-mandatory", P, $"{what} became always present: an implementation must now always send it")
                    : new Change(api, pointer, "response-became-optional", C, $"{what} became optional: clients that read it may find nothing");
                break;
            case "nullable":
                yield return @new == "true"
                    ? new Change(api, pointer, "response-became-nullable", C, $"{items}{what} may now be null: clients that read it meet null")
                    : new Change(api, pointer, "response-became-non-nullable", P, $"{items}{what} may no longer be null: an implementation must send a value");
                break;
            case "type":
                yield return new Change(api, pointer, "response-type-changed", C, $"the type of {items}{what} changed ({was}): clients read the old type");
                break;
            case "enum":
                foreach (var change in Enum(api, pointer, $"{items}{what}", old, @new, request: false)) yield return change;
                break;
            case "minimum" or "min_length" or "min_items" or "maximum" or "max_length" or "max_items":
                yield return Narrowed(bare, old, @new)
                    ? new Change(api, pointer, "response-bounds-narrowed", P, $"the {bare.Replace('_', ' ')} of {items}{what} narrows what is answered ({was}): an implementation must keep to it")
                    : new Change(api, pointer, "response-bounds-widened", C, $"the {bare.Replace('_', ' ')} of {items}{what} widens what is answered ({was}): clients meet values they did not expect");
                break;
            case "pattern" or "format":
                yield return old is null
                    ? new Change(api, pointer, $"response-{bare}-changed", P, $"{items}{what} gained a {bare} ({was}): an implementation must keep to it")
                    : new Change(api, pointer, $"response-{bare}-changed", C, $"the {bare} of {items}{what} changed or went ({was}): clients that rely on its shape meet others");
                break;
            case "additional_properties":
                yield return @new == "true"
                    ? new Change(api, pointer, "response-opened", C, $"{items}{what} may now hold any members: clients meet members they do not know")
                    : new Change(api, pointer, "response-closed", P, $"{items}{what} holds only its listed members now: an implementation must drop others");
                break;
            default:
                yield return new Change(api, pointer, "description-changed", Ok, $"{what}: {key.Replace('_', ' ')} changed ({was}); it constrains nothing a client reads");
                break;
        }
    }

    // Enum values: a restriction added or lifted, or single values added and removed.
    private static IEnumerable<Change> Enum(string api, string pointer, string what, string? old, string? @new, bool request)
    {
        if (old is null || @new is null)
        {
            var restricted = @new is not null;
            yield return request
                ? new Change(api, pointer, restricted ? "request-enum-added" : "request-enum-removed", restricted ? C : P, restricted ? $"{what} now takes only {@new}: clients that send other values are rejected" : $"{what} is no longer limited to {old}: an implementation must accept any value")
                : new Change(api, pointer, restricted ? "response-enum-added" : "response-enum-removed", restricted ? P : C, restricted ? $"{what} is now limited to {@new}: an implementation must keep to them" : $"{what} is no longer limited to {old}: clients meet values they do not know");
            yield break;
        }

        var before = Values(old);
        var after = Values(@new);
        foreach (var value in after.Where(v => !before.Contains(v)))
        {
            yield return request
                ? new Change(api, pointer, "request-enum-value-added", P, $"{what} takes the new value {value}: an implementation must accept it")
                : new Change(api, pointer, "response-enum-value-added", C, $"{what} may now be {value}: clients that switch on its values meet one they do not know");
        }

        foreach (var value in before.Where(v => !after.Contains(v)))
        {
            yield return request
                ? new Change(api, pointer, "request-enum-value-removed", C, $"{what} no longer takes {value}: clients that send it are rejected")
                : new Change(api, pointer, "response-enum-value-removed", P, $"{what} is no longer {value}: an implementation must stop answering it");
        }

        if (before.SetEquals(after))
        {
            yield return new Change(api, pointer, "description-changed", Ok, $"the values of {what} were reordered ({old} -> {@new})");
        }
    }

    private static HashSet<string> Values(string json) =>
        JsonNode.Parse(json) is JsonArray a ? a.Select(v => v?.ToJsonString() ?? "null").ToHashSet(StringComparer.Ordinal) : [];

    // Whether a bound moved to accept fewer values (a new bound where there was none narrows).
    private static bool Narrowed(string key, string? old, string? @new)
    {
        var lower = key.StartsWith("min", StringComparison.Ordinal);
        if (@new is null) return false;
        if (old is null) return true;
        var o = decimal.Parse(old, NumberStyles.Float, CultureInfo.InvariantCulture);
        var n = decimal.Parse(@new, NumberStyles.Float, CultureInfo.InvariantCulture);
        return lower ? n > o : n < o;
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
