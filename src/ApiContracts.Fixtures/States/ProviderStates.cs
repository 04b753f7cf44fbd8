using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Fixtures.States;

/// <summary>
/// The closed set of provider states: defined once here, written into the reference pacts by
/// <c>ReferencePacts</c> and set up by the stub server's <c>/__stub/provider-states</c>. Each state fully
/// determines the parent it names (existence, size, failure, data), so a verification passes in any
/// interaction order, with or without teardown calls, and twice in a row against one server.
/// </summary>
public static class ProviderStates
{
    /// <summary>The largest dataset a state may ask for (the documented maximum of a virtual dataset).</summary>
    public const long MaxSize = 1_000_000_000;

    /// <summary>The state name Pact verifiers send for an interaction without provider states.</summary>
    public const string NoState = "";

    /// <summary><c>a known parent with records</c>.</summary>
    public static ParentWithRecords WithRecords { get; } = new();

    /// <summary><c>a known parent with no records</c>.</summary>
    public static ParentWithNoRecords WithNoRecords { get; } = new();

    /// <summary><c>the provider fails</c>.</summary>
    public static ProviderFails Fails { get; } = new();

    /// <summary><c>a parent that does not exist</c>.</summary>
    public static ParentAbsent Absent { get; } = new();

    /// <summary><c>an instance with a snapshot of this version</c>.</summary>
    public static SnapshotOfVersion SnapshotOfVersion { get; } = new();

    /// <summary>
    /// The record states: data a consumer may depend on that a general example cannot promise, because
    /// the field is nullable or optional (a type matcher cannot accept both null and a string).
    /// </summary>
    public static IReadOnlyList<RecordState> Records { get; } =
    [
        new(
            "a snapshot whose description is null",
            "evs-snapshots-detail",
            "the project holds one snapshot, whose description is null",
            new RecordField("description", null, Exact: true)),
        new(
            "a failed snapshot",
            "pai-dsw-instance-snapshots",
            "the instance holds one snapshot, in status Failed with its ReasonCode and ReasonMessage",
            new RecordField("Status", "Failed", Exact: true),
            new RecordField("ReasonCode", "ImagePushFailed", Exact: false),
            new RecordField("ReasonMessage", "the registry refused the push", Exact: false)),
        new(
            "a history entry with a type",
            "servicestage-config-histories",
            "the configuration holds one history entry, which names its file type",
            new RecordField("type", "properties", Exact: false)),
    ];

    /// <summary>Every state, in the order the documentation lists them.</summary>
    public static IReadOnlyList<ProviderState> All { get; } =
        [WithRecords, WithNoRecords, Fails, Absent, SnapshotOfVersion, .. Records];

    /// <summary>The known state names, quoted and comma-separated, for messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(s => $"'{s.Name}'"));

    /// <summary>The state named <paramref name="name"/>, or null.</summary>
    public static ProviderState? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The record states that shape <paramref name="api"/>'s list items.</summary>
    public static IEnumerable<RecordState> RecordsOf(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Records.Where(r => r.AppliesTo(api));
    }

    /// <summary>
    /// What the state <paramref name="state"/> with <paramref name="parameters"/> asks of each API's parent: one
    /// setup per API whose parent parameter is named (and whose path has every other path parameter named).
    /// </summary>
    /// <exception cref="ProviderStateException">For an unknown state, an unknown, missing or malformed parameter, or no parent named; the message names the state and lists the known ones.</exception>
    public static IReadOnlyList<ParentSetup> Resolve(ContractCatalog catalog, string? state, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(parameters);
        if (state is null) throw new ProviderStateException(null, "the call names no state ('state' is missing)");
        var known = Find(state) ?? throw new ProviderStateException(null, $"unknown state '{state}'");
        var apis = catalog.Apis.Where(known.AppliesTo).ToList();
        var pathNames = apis.SelectMany(PathNames).ToHashSet(StringComparer.Ordinal);
        var own = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var path = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (known.Parameters.Any(p => p.Name == name)) own[name] = value;
            else if (pathNames.Contains(name)) path[name] = Text(known, name, value);
            else throw new ProviderStateException(known.Name, $"unknown parameter '{name}' ({Takes(known, apis)})");
        }

        foreach (var missing in known.Parameters.Where(p => p.Required && !own.ContainsKey(p.Name)))
        {
            throw new ProviderStateException(known.Name, $"parameter '{missing.Name}' is missing: {missing.Meaning} ({Takes(known, apis)})");
        }

        var setups = new List<ParentSetup>();
        foreach (var api in apis.Where(a => path.ContainsKey(a.Dataset.Parent) && path.Keys.All(PathNames(a).Contains)))
        {
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in api.Dataset.Parents[0]) values[name] = path.TryGetValue(name, out var given) ? given : value;
            setups.Add(known.Setup(api, values, own));
        }

        if (setups.Count == 0) throw new ProviderStateException(known.Name, $"the parameters name no parent ({Takes(known, apis)})");
        return setups;
    }

    /// <summary>A text parameter: a JSON string or number; anything else is malformed.</summary>
    internal static string Text(ProviderState state, string name, JsonNode? value)
    {
        var text = value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(text)) throw new ProviderStateException(state.Name, $"parameter '{name}' {Shown(value)}: must be a non-empty string");
        return text;
    }

    /// <summary>The <c>size</c> parameter: a whole number 0..<see cref="MaxSize"/>, as a JSON number or a numeric string.</summary>
    internal static long Size(ProviderState state, JsonNode? value)
    {
        long size = -1;
        var whole = value is JsonValue v
            && (v.TryGetValue(out size) || (v.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size)));
        if (!whole || size is < 0 or > MaxSize) throw new ProviderStateException(state.Name, $"parameter 'size' {Shown(value)}: must be a whole number 0..{MaxSize}");
        return size;
    }

    private static IEnumerable<string> PathNames(ApiDefinition api) => api.Request.Path?.Fields.Select(f => f.Name) ?? [];

    private static string Shown(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? $"'{text}'" : value?.ToJsonString() ?? "null";

    // What a state takes, for messages: the parent parameter of each API it applies to, the other path parameters, its own.
    private static string Takes(ProviderState state, IReadOnlyList<ApiDefinition> apis)
    {
        var parents = apis.Select(a => a.Dataset.Parent).Distinct(StringComparer.Ordinal);
        var others = apis.SelectMany(PathNames).Distinct(StringComparer.Ordinal).Except(parents).Order(StringComparer.Ordinal);
        var text = $"it takes the parent's id as one of {string.Join(", ", parents)}";
        if (others.Any()) text += $"; optionally the path's {string.Join(", ", others)}";
        return state.Parameters.Count == 0 ? text : text + "; " + string.Join(", ", state.Parameters.Select(p => p.Required ? p.Name : p.Name + " (optional)"));
    }
}
