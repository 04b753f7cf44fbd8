using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Fixtures of the action API (servicestage-instance-action): a request body and the job it starts.
/// A rollback names a version the instance's snapshot dataset really holds.
/// </summary>
public sealed class ActionFixtures
{
    private readonly RecordGenerator _snapshots;
    private readonly string[] _actions;

    /// <summary>Prepares action fixtures for <paramref name="api"/>, following its dataset source in <paramref name="catalog"/>.</summary>
    public ActionFixtures(ApiDefinition api, ContractCatalog catalog, GeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(catalog);
        Api = api;
        var source = api.Dataset.Source ?? throw new ArgumentException($"{api.Id} names no dataset source", nameof(api));
        _snapshots = new RecordGenerator(catalog.Api(source), options);
        var action = api.Request.Body!.Fields.Single(f => f.Name == "action");
        _actions = action.Constraints.Enum!.Select(v => (string)v!).ToArray();
    }

    /// <summary>The action API.</summary>
    public ApiDefinition Api { get; }

    /// <summary>The snapshot dataset a rollback picks its versions from: same parent, seed and size.</summary>
    public Dataset Snapshots(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new Dataset(_snapshots.Api, dataset.Parent, dataset.SeedValue, dataset.Size);
    }

    /// <summary>Fixture <paramref name="index"/>: <c>{"request": body, "response": {"job_id": ...}}</c>.</summary>
    public JsonObject Record(Dataset dataset, long index)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (index < 0 || index >= dataset.Size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the dataset holds {dataset.Size} records");
        var key = dataset.RecordKey(index);
        var random = new FieldRandom(Seed.Combine(key, Seed.Hash("action")));
        var action = random.Pick(_actions);
        var body = new JsonObject { ["action"] = action };
        var parameters = new FieldRandom(Seed.Combine(key, Seed.Hash("parameters")));
        switch (action)
        {
            case "scale":
                var scale = new JsonObject { ["replica"] = parameters.Between(1, 10) };
                if (parameters.Chance(0.3))
                {
                    var hosts = new JsonArray();
                    for (var i = (int)parameters.Between(1, 3); i > 0; i--) hosts.Add(parameters.Uuid());
                    scale["hosts"] = hosts;
                }

                body["parameters"] = scale;
                break;
            case "rollback":
                var snapshots = Snapshots(dataset);
                var target = _snapshots.Record(snapshots, parameters.Between(0, snapshots.Size - 1));
                body["parameters"] = new JsonObject { ["version"] = target["version"]!.DeepClone() };
                break;
        }

        return new JsonObject { ["request"] = body, ["response"] = Job(key) };
    }

    /// <summary>The job response for a request key: <c>{"job_id": "JOB" + uuid}</c>.</summary>
    public static JsonObject Job(ulong requestKey) => new() { ["job_id"] = "JOB" + new FieldRandom(Seed.Combine(requestKey, Seed.Hash("job_id"))).Uuid() };
}
