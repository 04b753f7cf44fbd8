using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiContracts.Documents.Diff;

// The request side and the response side: the same facts, opposite directions.
public static partial class DiffRules
{
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
}
