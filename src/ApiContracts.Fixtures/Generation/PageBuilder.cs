using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>Wraps a page of records in the API's documented success envelope.</summary>
public static class PageBuilder
{
    /// <summary>
    /// The success body holding <paramref name="items"/> with <paramref name="total"/> as the total,
    /// <paramref name="links"/> when given, the dataset's constant envelope members, and any other
    /// member (PAI's RequestId) derived from <paramref name="requestKey"/>.
    /// </summary>
    public static JsonObject Page(ApiDefinition api, IEnumerable<JsonNode> items, long total, JsonArray? links, ulong requestKey)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(items);
        var paging = api.Pagination ?? throw new ArgumentException($"{api.Id} does not page", nameof(api));
        var itemsName = paging.Items.TrimStart('/');
        var totalName = paging.Total.TrimStart('/');
        var linksName = paging.Links?.Field;
        var page = new JsonObject();
        foreach (var field in api.Success.Body!.Fields)
        {
            if (field.Name == itemsName) page[field.Name] = new JsonArray(items.ToArray());
            else if (field.Name == totalName) page[field.Name] = total;
            else if (field.Name == linksName) { if (links is not null) page[field.Name] = links; }
            else if (api.Dataset.Envelope.ContainsKey(field.Name)) page[field.Name] = api.Dataset.Envelope[field.Name]?.DeepClone();
            else if (field.Constraints.Hint == "request-id") page[field.Name] = new FieldRandom(Seed.Combine(requestKey, Seed.Hash(field.Name))).Uuid().ToUpperInvariant();
            else if (field.Mandatory) throw new InvalidOperationException($"{api.Id}: no value for the envelope member '{field.Name}'; give it in dataset.envelope");
        }

        return page;
    }

    /// <summary>
    /// The next link of a marker-paged page (EVS's <c>snapshots_links</c>), or null when the API answers none:
    /// <c>{base}{path}?{other query}&amp;limit=L&amp;marker=M</c> with <c>rel</c> from the pagination model. The
    /// request's own paging parameters are replaced; its other parameters (a filter) are kept, in order.
    /// </summary>
    public static JsonArray? NextLink(ApiDefinition api, string baseUrl, string path, IEnumerable<KeyValuePair<string, string>> query, long limit, string marker)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);
        if (api.Pagination is not { Links: { } rule } paging || paging.NextLinkQuery(query, limit, marker) is not { } parts) return null;
        var href = $"{baseUrl}{path}?{string.Join('&', parts.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"))}";
        return [new JsonObject { ["href"] = href, ["rel"] = rule.Rel }];
    }
}
