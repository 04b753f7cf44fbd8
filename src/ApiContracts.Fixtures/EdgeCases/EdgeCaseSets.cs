using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.EdgeCases;

/// <summary>A named fixture for an edge of the API: the status and body the API answers with.</summary>
/// <param name="Name">File-safe name.</param>
/// <param name="Description">What edge it covers.</param>
/// <param name="Status">The HTTP status of the body.</param>
/// <param name="Part">The schema part the body validates against (<c>response.200</c>, <c>request.body</c>).</param>
/// <param name="Body">The payload.</param>
public sealed record EdgeCase(string Name, string Description, int Status, string Part, JsonNode Body);

/// <summary>The edge-case fixture sets of each API, from its definition: sizes at the page edges, nulls, long and CJK text, every documented error.</summary>
public static class EdgeCaseSets
{
    /// <summary>The page size the boundary fixtures are built around.</summary>
    public const int PageSize = 10;

    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal)
    {
        "snapshot-description", "snapshot-name", "config-name", "config-description", "config-content", "evs-description", "component-name",
    };

    /// <summary>Every edge case of <paramref name="apiId"/>, made with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<EdgeCase> For(ContractCatalog catalog, string apiId, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var api = catalog.Api(apiId);
        var cases = new List<EdgeCase>();
        if (RecordGenerator.ItemsField(api) is not null) cases.AddRange(Pages(api, seed));
        else cases.AddRange(Actions(api, catalog, seed));
        foreach (var response in api.Responses.Where(r => r.IsError))
        {
            var message = $"{response.Description} (fixture for status {response.Status.ToString(CultureInfo.InvariantCulture)})";
            var body = ErrorBodies.Build(api, response.Status, message, new FieldRandom(Seed.Hash(api.Id, "error", response.Status.ToString(CultureInfo.InvariantCulture))).Uuid().ToUpperInvariant());
            cases.Add(new EdgeCase($"error-{response.Status}", $"The documented {response.Status} error body: {response.Description}", response.Status, $"response.{response.Status}", body));
        }

        return cases;
    }

    private static IEnumerable<EdgeCase> Pages(ApiDefinition api, ulong seed)
    {
        var generator = new RecordGenerator(api);
        var zh = new RecordGenerator(api, new GeneratorOptions { Locale = "zh_CN" });
        var paging = api.Pagination!;
        var max = MaxPage(paging);
        EdgeCase Page(string name, string description, RecordGenerator g, long size, long start, long count, Func<JsonObject, JsonObject>? edit = null)
        {
            var dataset = Dataset.ForKnownParent(api, null, seed, size);
            var items = g.Records(dataset, start, count).Select(r => (JsonNode)(edit?.Invoke(r) ?? r)).ToList();
            var links = start + count < size && count > 0
                ? PageBuilder.NextLink(api, "https://evs.example.com", api.PathFor(dataset.Parent), [], count, IndexCodec.Encode(dataset.Key, start + count - 1))
                : null;

            var body = PageBuilder.Page(api, items, size, links, Seed.Hash(api.Id, name));
            return new EdgeCase(name, description, api.Operation.SuccessStatus, $"response.{api.Operation.SuccessStatus}", body);
        }

        yield return Page("empty-list", "A parent with no records: an empty list and a total of 0.", generator, 0, 0, 0);
        yield return Page("single-item", "A parent with exactly one record.", generator, 1, 0, 1);
        yield return Page("full-page", $"Exactly one full page: {PageSize} records of {PageSize}.", generator, PageSize, 0, PageSize);
        yield return Page("boundary-first-page", $"{PageSize + 1} records: the first page of {PageSize}, one record left over.", generator, PageSize + 1, 0, PageSize);
        yield return Page("boundary-last-page", $"{PageSize + 1} records: the second page, holding the single record left over.", generator, PageSize + 1, PageSize, 1);
        yield return Page("max-page", $"The largest page the document allows: {max} records.", generator, max + 5, 0, max);
        yield return Page("past-the-end", "An offset or page past the last record: an empty page that still reports the total.", generator, PageSize, PageSize, 0);
        var nullable = NullableFields(RecordGenerator.ItemsField(api)!.Items!.Fields!).ToList();
        if (nullable.Count > 0)
        {
            yield return Page("nulls", $"Every nullable field set to null ({string.Join(", ", nullable)}).", generator, 3, 0, 3, r => SetAll(r, nullable, _ => null));
        }

        var text = TextFields(RecordGenerator.ItemsField(api)!.Items!.Fields!).ToList();
        yield return Page("long-strings", $"Free-text fields ({string.Join(", ", text)}) at 4096 characters.", generator, 2, 0, 2, r => SetAll(r, text, i => new string('x', 4000) + i + new string('y', 96 - i.Length)));
        yield return Page("cjk-emoji", $"Free-text fields ({string.Join(", ", text)}) in Chinese with emoji and combining marks.", zh, 3, 0, 3, r => SetAll(r, text, i => $"快照说明：灰度发布 🚀🔥 版本回滚✅ e\u0301 ({i})"));
        yield return Page("zh-cn-locale", "Records generated with the zh_CN locale.", zh, PageSize, 0, 3);
    }

    private static IEnumerable<EdgeCase> Actions(ApiDefinition api, ContractCatalog catalog, ulong seed)
    {
        var fixtures = new ActionFixtures(api, catalog);
        var dataset = Dataset.ForKnownParent(api, null, seed, 20);
        var version = (string)new RecordGenerator(catalog.Api(api.Dataset.Source!)).Record(fixtures.Snapshots(dataset), 3)["version"]!;
        var bodies = new (string Name, string Description, JsonObject Body)[]
        {
            ("start", "Start the instance: no parameters.", new JsonObject { ["action"] = "start" }),
            ("stop", "Stop the instance: no parameters.", new JsonObject { ["action"] = "stop" }),
            ("restart", "Restart the instance: no parameters.", new JsonObject { ["action"] = "restart" }),
            ("scale", "Scale to 4 replicas, as the document's example.", new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject { ["replica"] = 4 } }),
            ("scale-to-zero", "Scale to 0 replicas (the lowest accepted count).", new JsonObject { ["action"] = "scale", ["parameters"] = new JsonObject { ["replica"] = 0 } }),
            ("scale-vm-hosts", "Scale a VM-based component onto named ECS hosts.", new JsonObject
            {
                ["action"] = "scale",
                ["parameters"] = new JsonObject { ["replica"] = 2, ["hosts"] = new JsonArray("5f0c3c8e-7a1d-4c4e-9b1a-2d3e4f5a6b7c", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") },
            }),
            ("rollback", $"Roll back to {version}, a version the instance's snapshots hold.", new JsonObject { ["action"] = "rollback", ["parameters"] = new JsonObject { ["version"] = version } }),
        };
        foreach (var (name, description, body) in bodies)
        {
            yield return new EdgeCase($"request-{name}", description, 0, "request.body", body);
        }

        yield return new EdgeCase("job", "The job a successful action starts.", api.Operation.SuccessStatus, $"response.{api.Operation.SuccessStatus}", ActionFixtures.Job(Seed.Hash(api.Id, "job")));
    }

    // The largest page the document allows (100 where it sets no bound).
    private static int MaxPage(Paging paging) => (int)(paging.LargestPage ?? 100);

    private static IEnumerable<string> NullableFields(FieldTable table) => table.Fields.Where(f => f.Constraints.Nullable).Select(f => f.Name);

    private static IEnumerable<string> TextFields(FieldTable table) =>
        FieldPlan.Of(table).Where(p => p.Field.Type == FieldType.String && FreeText.Contains(p.Hint)).Select(p => p.Name);

    private static JsonObject SetAll(JsonObject record, IEnumerable<string> names, Func<string, JsonNode?> value)
    {
        foreach (var name in names) record[name] = value(name);
        return record;
    }
}
