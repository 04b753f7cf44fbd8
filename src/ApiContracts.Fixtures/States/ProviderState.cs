using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;

namespace ApiContracts.Fixtures.States;

/// <summary>
/// What one provider state asks of one parent of one API. A setup replaces whatever an earlier setup made
/// of that parent, so the parent is fully determined by the last state that named it.
/// </summary>
/// <param name="Api">The API.</param>
/// <param name="Values">The parent's path parameter values (the named ones, the rest from the API's first known parent).</param>
/// <param name="Exists">False when the state asks for the parent not to exist.</param>
/// <param name="Size">The dataset size, or null for the server's size.</param>
/// <param name="Fails">True when every request under the parent is answered with the API's 500.</param>
/// <param name="Records">Fields set on given records, by record index (a null value sets the field to null).</param>
public sealed record ParentSetup(
    ApiDefinition Api,
    IReadOnlyDictionary<string, string> Values,
    bool Exists,
    long? Size,
    bool Fails,
    IReadOnlyDictionary<long, JsonObject> Records)
{
    /// <summary>The parent's id (the value of the API's dataset parent parameter).</summary>
    public string ParentId => Values[Api.Dataset.Parent];
}

/// <summary>A parameter a provider state takes besides the parent's path parameters.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Meaning">What it sets, and what values it takes.</param>
/// <param name="Required">Whether a setup must give it.</param>
public sealed record StateParameter(string Name, string Meaning, bool Required);

/// <summary>A field a record state sets on the first record of its parent's dataset.</summary>
/// <param name="Name">The list item's field.</param>
/// <param name="Value">The value (null: the field is null).</param>
/// <param name="Exact">True when the interaction depends on this very value; false when only on the field being there.</param>
public sealed record RecordField(string Name, JsonNode? Value, bool Exact);

/// <summary>
/// One provider state of the closed set the stub server understands and the reference pacts use
/// (<see cref="ProviderStates.All"/>). Every state names a parent through the API's parent path parameter
/// (<c>instance_id</c>, <c>InstanceId</c>, <c>config_id</c>, <c>project_id</c>) and may take the API's
/// other path parameters; <see cref="Parameters"/> lists what else it takes.
/// </summary>
public abstract class ProviderState
{
    private protected ProviderState(string name, string summary)
    {
        Name = name;
        Summary = summary;
    }

    /// <summary>The state's name, as a pact gives it.</summary>
    public string Name { get; }

    /// <summary>What the stub server makes of the named parent.</summary>
    public string Summary { get; }

    /// <summary>The parameters besides the parent's path parameters.</summary>
    public virtual IReadOnlyList<StateParameter> Parameters => [];

    /// <summary>Whether the state can set up a parent of <paramref name="api"/>.</summary>
    public virtual bool AppliesTo(ApiDefinition api) => true;

    /// <summary>The setup of one parent of <paramref name="api"/>, given the state's own parameters (already checked for presence).</summary>
    /// <exception cref="ProviderStateException">When a parameter's value is malformed.</exception>
    internal abstract ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters);

    /// <summary>
    /// The state as a pact writes it, <c>{"name": ..., "params": {parent: id, ...}}</c>, for the parent
    /// <paramref name="parentId"/> of <paramref name="api"/>.
    /// </summary>
    public JsonObject ForPact(ApiDefinition api, string parentId, params (string Name, JsonNode? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!AppliesTo(api)) throw new ArgumentException($"the state '{Name}' does not apply to {api.Id}", nameof(api));
        var given = new JsonObject { [api.Dataset.Parent] = parentId };
        foreach (var (name, value) in parameters)
        {
            if (Parameters.All(p => p.Name != name)) throw new ArgumentException($"the state '{Name}' takes no parameter '{name}'", nameof(parameters));
            given[name] = value?.DeepClone();
        }

        foreach (var missing in Parameters.Where(p => p.Required && !given.ContainsKey(p.Name)))
        {
            throw new ArgumentException($"the state '{Name}' needs the parameter '{missing.Name}'", nameof(parameters));
        }

        return new JsonObject { ["name"] = Name, ["params"] = given };
    }

    private protected ParentSetup Parent(ApiDefinition api, IReadOnlyDictionary<string, string> values, long? size, bool exists = true, bool fails = false, IReadOnlyDictionary<long, JsonObject>? records = null) =>
        new(api, values, exists, size, fails, records ?? new Dictionary<long, JsonObject>());
}

/// <summary><c>a known parent with records</c>: the parent exists with <c>size</c> records (default: the server's size), answering normally.</summary>
public sealed class ParentWithRecords : ProviderState
{
    internal ParentWithRecords()
        : base("a known parent with records", "the parent exists and holds 'size' records (the server's --size when not given), answering normally")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<StateParameter> Parameters { get; } =
        [new("size", $"how many records the parent holds, 0..{ProviderStates.MaxSize} (a number or a numeric string)", Required: false)];

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters) =>
        Parent(api, values, parameters.TryGetValue("size", out var size) ? ProviderStates.Size(this, size) : null);
}

/// <summary><c>a known parent with no records</c>: the parent exists and holds nothing (for the action API: the instance has no snapshots).</summary>
public sealed class ParentWithNoRecords : ProviderState
{
    internal ParentWithNoRecords()
        : base("a known parent with no records", "the parent exists and holds no records (an instance without snapshots, so every rollback version is unknown)")
    {
    }

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters) =>
        Parent(api, values, 0);
}

/// <summary><c>the provider fails</c>: every request under the parent gets the API's documented 500.</summary>
public sealed class ProviderFails : ProviderState
{
    internal ProviderFails()
        : base("the provider fails", "the parent exists, and every request under it is answered with the API's documented 500 error")
    {
    }

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters) =>
        Parent(api, values, null, fails: true);
}

/// <summary><c>a parent that does not exist</c>: requests under the parent get the API's documented 404.</summary>
public sealed class ParentAbsent : ProviderState
{
    internal ParentAbsent()
        : base("a parent that does not exist", "the parent does not exist (even a known one), so requests under it get the API's documented 404")
    {
    }

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters) =>
        Parent(api, values, null, exists: false);
}

/// <summary>
/// <c>an instance with a snapshot of this version</c>: the instance's snapshots run from the oldest version
/// (1.0.0) up to <c>version</c>, so a rollback to it is accepted.
/// </summary>
public sealed class SnapshotOfVersion : ProviderState
{
    internal SnapshotOfVersion()
        : base("an instance with a snapshot of this version", $"the instance exists and its snapshots run from {OrderedVersions.Semver(1)} up to 'version', so a rollback to that version is accepted")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<StateParameter> Parameters { get; } =
        [new("version", $"a snapshot version label such as {OrderedVersions.Semver(12)} (the stub's labels, oldest first: {string.Join(", ", Enumerable.Range(1, 12).Select(n => OrderedVersions.Semver(n)))}, ...)", Required: true)];

    /// <inheritdoc />
    public override bool AppliesTo(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.Dataset.Source is not null
            || RecordGenerator.ItemsField(api)?.Items?.Fields?.Fields.Any(f => f.Constraints.Hint == "ordered-semver") == true;
    }

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        var version = ProviderStates.Text(this, "version", parameters["version"]);
        var ordinal = OrderedVersions.Ordinal(version);
        if (ordinal < 1 || ordinal > ProviderStates.MaxSize)
        {
            throw new ProviderStateException(Name, $"parameter 'version' '{version}' is not a snapshot version label such as {OrderedVersions.Semver(12)}");
        }

        return Parent(api, values, ordinal);
    }
}

/// <summary>
/// A state asking for one record with given fields: the parent holds exactly one record, which carries
/// <see cref="Fields"/> (a null description, a failed snapshot with its reason). Such data exists at some
/// index of any large dataset; the state puts it where the interaction looks.
/// </summary>
public sealed class RecordState : ProviderState
{
    internal RecordState(string name, string api, string summary, params RecordField[] fields)
        : base(name, summary)
    {
        Api = api;
        Fields = fields;
    }

    /// <summary>The id of the API whose list items the state shapes.</summary>
    public string Api { get; }

    /// <summary>The fields the single record carries.</summary>
    public IReadOnlyList<RecordField> Fields { get; }

    /// <inheritdoc />
    public override bool AppliesTo(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.Id == Api;
    }

    internal override ParentSetup Setup(ApiDefinition api, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        var record = new JsonObject();
        foreach (var field in Fields) record[field.Name] = field.Value?.DeepClone();
        return Parent(api, values, 1, records: new Dictionary<long, JsonObject> { [0] = record });
    }
}

/// <summary>A provider-state call the stub cannot honour: names the state and lists the known ones.</summary>
public sealed class ProviderStateException : ArgumentException
{
    /// <summary>A problem with the state <paramref name="state"/> (null when the call named none).</summary>
    public ProviderStateException(string? state, string problem)
        : base($"provider-states: {(state is null ? string.Empty : $"state '{state}': ")}{problem} (known states: {ProviderStates.KnownNames})")
    {
        State = state;
    }

    /// <summary>The state the call named, or null.</summary>
    public string? State { get; }
}
