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

    /// <summary>A next link in EVS's shape: <c>{"href": ".../detail?limit=L&amp;marker=M", "rel": "next"}</c>.</summary>
    public static JsonArray NextLink(string href, string rel) => [new JsonObject { ["href"] = href, ["rel"] = rel }];
}
