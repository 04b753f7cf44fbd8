using System.Globalization;
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
    private const ulong MixSalt = 0xAC7105UL;

    // Realistic weights per action; an action the definition adds later gets weight 10.
    private static readonly Dictionary<string, int> ActionWeights = new(StringComparer.Ordinal) { ["restart"] = 30, ["scale"] = 25, ["stop"] = 15, ["start"] = 15, ["rollback"] = 15 };
    private static readonly Weighted<long> Replicas = new((1, 20), (2, 30), (3, 20), (4, 12), (5, 6), (6, 4), (8, 4), (10, 4));
    private static readonly Weighted<int> RollbackDepth = new((1, 50), (2, 20), (3, 10), (4, 5), (5, 5), (0, 10));

    private readonly RecordGenerator _snapshots;
    private readonly Weighted<string> _actions;

    // Whether a snapshot's version is its ordered label (hint ordered-semver, mandatory, never null): then a rollback
    // names it from the target's ordinal alone, without making the whole snapshot record, which at a random index
    // also places a fresh timeline group and block.
    private readonly bool _versionFromOrdinal;

    /// <summary>Prepares action fixtures for <paramref name="api"/>, following its dataset source in <paramref name="catalog"/>.</summary>
    public ActionFixtures(ApiDefinition api, ContractCatalog catalog, GeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(catalog);
        Api = api;
        var source = api.Dataset.Source ?? throw new ArgumentException($"{api.Id} names no dataset source", nameof(api));
        _snapshots = new RecordGenerator(catalog.Api(source), options);
        var version = RecordGenerator.ItemsField(_snapshots.Api)?.Items?.Fields?.Fields.FirstOrDefault(f => f.Name == "version");
        _versionFromOrdinal = version is { Mandatory: true, Constraints: { Hint: "ordered-semver", Nullable: false } };
        var action = api.Request.Body!.Fields.Single(f => f.Name == "action");
        _actions = new Weighted<string>(action.Constraints.Enum!.Select(v => (string)v!).Select(a => (a, ActionWeights.GetValueOrDefault(a, 10))).ToArray());
    }

    /// <summary>The action API.</summary>
    public ApiDefinition Api { get; }

    /// <summary>The snapshot dataset a rollback picks its versions from: same parent, seed and size.</summary>
    public Dataset Snapshots(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new Dataset(_snapshots.Api, dataset.Parent, dataset.SeedValue, dataset.Size) { Profile = dataset.Profile };
    }

    /// <summary>Fixture <paramref name="index"/>: <c>{"request": body, "response": {"job_id": ...}}</c>.</summary>
    public JsonObject Record(Dataset dataset, long index)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (index < 0 || index >= dataset.Size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the dataset holds {dataset.Size} records");
        var key = dataset.RecordKey(index);
        var random = new FieldRandom(Seed.Combine(key, Seed.Hash("action")));
        var profile = dataset.Profile;
        var action = _actions.PickSeeded(ref random, Seed.Combine(dataset.Key, MixSalt), 0.5, profile);
        var body = new JsonObject { ["action"] = action };
        var parameters = new FieldRandom(Seed.Combine(key, Seed.Hash("parameters")));
        switch (action)
        {
            case "scale":
                var scale = new JsonObject { ["replica"] = profile.EvenMixes ? parameters.Pick([0L, 1L, 200L]) : Replicas.Pick(ref parameters) };
                if (parameters.Chance(profile.EvenMixes ? 0.5 : 0.3))
                {
                    var hosts = new JsonArray();
                    for (var i = (int)parameters.Between(1, 3); i > 0; i--) hosts.Add(parameters.Uuid());
                    scale["hosts"] = hosts;
                }

                body["parameters"] = scale;
                break;
            case "rollback":
                // Mostly back to the version just before the newest; now and then anywhere in the history.
                var snapshots = Snapshots(dataset);
                var depth = RollbackDepth.Pick(ref parameters);
                var at = depth == 0 || profile.EvenMixes ? parameters.Between(0, snapshots.Size - 1) : Math.Min(depth, snapshots.Size - 1);
                body["parameters"] = new JsonObject
                {
                    ["version"] = _versionFromOrdinal ? OrderedVersions.Semver(snapshots.Size - at) : _snapshots.Record(snapshots, at)["version"]!.DeepClone(),
                };
                break;
        }

        return new JsonObject { ["request"] = body, ["response"] = Job(key) };
    }

    /// <summary>How the fields of an action fixture are distributed under <paramref name="profile"/>.</summary>
    public static IReadOnlyList<FieldDistribution> Describe(ApiDefinition api, FixtureProfile profile)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(profile);
        var actions = api.Request.Body!.Fields.Single(f => f.Name == "action").Constraints.Enum!.Select(v => (string)v!).ToList();
        var even = profile.EvenMixes;
        return
        [
            new("request.action", even
                ? $"{string.Join(", ", actions)}, equally often"
                : string.Join(", ", actions.Select(a => $"{a} {Weighted<int>.Percent((double)ActionWeights.GetValueOrDefault(a, 10) / actions.Sum(x => ActionWeights.GetValueOrDefault(x, 10)))}"))
                    + "; each weight scaled by a seeded factor between 0.6 and 1.6, so the mix varies with the seed"),
            new("request.parameters", "present for scale and rollback only"),
            new("request.parameters.replica", "scale only: " + (even ? "0, 1 or 200, equally often" : Replicas.Describe(r => r.ToString(CultureInfo.InvariantCulture)))),
            new("request.parameters.hosts", $"scale only, on {(even ? "50%" : "30%")} of scales: 1 to 3 ECS server UUIDs"),
            new("request.parameters.version", "rollback only: a version the instance's snapshots hold (same parent, seed and size), "
                + (even ? "any of them, uniformly" : "the one before the newest on 50% of rollbacks, 2 to 5 back on 40%, anywhere in the history on 10%")),
            new("response.job_id", "JOB and a random version-4 UUID"),
        ];
    }

    /// <summary>The job response for a request key: <c>{"job_id": "JOB" + uuid}</c>.</summary>
    public static JsonObject Job(ulong requestKey) => new() { ["job_id"] = "JOB" + new FieldRandom(Seed.Combine(requestKey, Seed.Hash("job_id"))).Uuid() };
}
