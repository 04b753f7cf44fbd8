using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

// What the web console reads: the catalogue of definitions and fixture downloads.
internal sealed partial class StubAdmin
{
    private JsonObject Catalog()
    {
        var apis = new JsonArray();
        foreach (var api in server.Engine.Catalog.Apis)
        {
            var tables = new JsonArray();
            foreach (var (part, table) in api.Request.Parts()) tables.Add(Table($"request {part.ToString().ToLowerInvariant()}", table));
            tables.Add(Table($"response {api.Operation.SuccessStatus}", api.Success.Body!));
            tables.Add(Table("error body", api.Errors.Fields));
            apis.Add(new JsonObject
            {
                ["id"] = api.Id,
                ["title"] = api.Title,
                ["summary"] = api.Summary,
                ["method"] = api.Operation.Method,
                ["path"] = api.Operation.Path,
                ["success"] = api.Operation.SuccessStatus,
                ["credential"] = api.Auth.Header,
                ["parent"] = api.Dataset.Parent,
                ["parents"] = new JsonArray(api.Dataset.Parents.Select(p => (JsonNode)new JsonObject(p.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)))).ToArray()),
                ["tables"] = tables,
                ["assumptions"] = new JsonArray(api.Assumptions.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["about"] = a.About, ["text"] = a.Text.Trim() }).ToArray()),
            });
        }

        return new JsonObject { ["apis"] = apis };
    }

    private static JsonObject Table(string part, ApiContracts.Core.Definitions.FieldTable table) => new()
    {
        ["part"] = part,
        ["caption"] = table.Caption,
        ["rows"] = new JsonArray(ApiContracts.Core.Docs.DocsWriter.Rows(table).Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["mandatory"] = r.Field.Mandatory,
            ["type"] = ApiContracts.Core.Docs.DocsWriter.TypeText(r.Field),
            ["constraints"] = ApiContracts.Core.Docs.DocsWriter.ConstraintText(r.Field),
            ["description"] = r.Field.Description,
        }).ToArray()),
    };

    // A whole-number query parameter: its default when absent, a 400 naming it when it is not a number.
    private static T Whole<T>(IQueryCollection query, string name, T absent)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> =>
        query[name].ToString() is { Length: > 0 } text ? WholeNumber<T>(JsonValue.Create(text), $"fixtures: {name}") : absent;

    // Streams an export, as the fixtures command writes it, straight into the download.
    private async Task Fixtures(HttpContext context)
    {
        var query = context.Request.Query;
        var catalog = server.Engine.Catalog;
        var api = catalog.Api(query["api"].ToString());
        var count = Whole(query, "count", 100L);
        if (count is < 0 or > 1_000_000) throw new ArgumentException($"count {count}: must be 0..1000000 for a download (use 'apicontracts fixtures' for more)");
        var seed = Whole(query, "seed", 1UL);
        var format = (query["format"].ToString() is { Length: > 0 } f ? f : "json").ToLowerInvariant() switch
        {
            "json" => ApiContracts.Fixtures.Export.ExportFormat.Json,
            "ndjson" => ApiContracts.Fixtures.Export.ExportFormat.Ndjson,
            "csv" => ApiContracts.Fixtures.Export.ExportFormat.Csv,
            _ => throw new ArgumentException($"format '{query["format"]}': use json, ndjson or csv"),
        };
        var locale = query["locale"].ToString() is { Length: > 0 } l ? l : "en";
        var parent = query["parent"].ToString() is { Length: > 0 } p ? p : null;
        var dataset = ApiContracts.Fixtures.Generation.Dataset.ForKnownParent(api, parent, seed, count);
        var source = ApiContracts.Fixtures.Generation.FixtureSource.For(catalog, api.Id, new ApiContracts.Fixtures.Generation.GeneratorOptions { Locale = locale });
        context.Response.ContentType = format == ApiContracts.Fixtures.Export.ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{api.Id}.{format.ToString().ToLowerInvariant()}\"";
        var control = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>();
        if (control is not null) control.AllowSynchronousIO = true;
        await Task.Run(() => ApiContracts.Fixtures.Export.FixtureExporter.Write(source, dataset, format, ApiContracts.Fixtures.Export.Shard.All, 0, count, context.Response.Body), context.RequestAborted);
    }
}
