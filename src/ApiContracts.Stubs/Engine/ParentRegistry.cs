using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.States;

namespace ApiContracts.Stubs.Engine;

/// <summary>
/// The parents each API serves: the definitions' known parents, as changed by Pact provider states (a
/// parent set up with a size, a failure or data of its own, or made absent). A state's setup replaces the
/// whole entry of each parent it names, so the last setup alone decides what a parent answers. Replaced
/// whole on change, so readers never lock; writers take a lock, so two changes at once both land.
/// </summary>
public sealed class ParentRegistry
{
    private readonly IReadOnlyList<ApiDefinition> _apis;
    private readonly Lock _gate = new();
    private volatile ImmutableDictionary<(string Api, string Parent), Entry> _entries;
    private long _version;

    /// <summary>Grows with every change, so answers cached under an older version are not reused.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Registers the known parents of <paramref name="apis"/>.</summary>
    public ParentRegistry(IReadOnlyList<ApiDefinition> apis)
    {
        _apis = apis;
        _entries = Known();
    }

    /// <summary>One parent: its path values and, when a provider state set it up, what the state asked for.</summary>
    /// <param name="Values">The path parameter values.</param>
    /// <param name="Size">The dataset size, or null for the server's size.</param>
    public sealed record Entry(IReadOnlyDictionary<string, string> Values, long? Size)
    {
        /// <summary>True when a provider state set the parent up: its answers then ignore the server's default scenario.</summary>
        public bool FromState { get; init; }

        /// <summary>True when every request under the parent is answered with the API's 500 (the state "the provider fails").</summary>
        public bool Fails { get; init; }

        /// <summary>Fields a provider state set on given records, by record index.</summary>
        public IReadOnlyDictionary<long, JsonObject> Records { get; init; } = ImmutableDictionary<long, JsonObject>.Empty;
    }

    /// <summary>The parent of <paramref name="api"/> named by <paramref name="pathValues"/>, or null when it does not exist.</summary>
    public Entry? Find(ApiDefinition api, IReadOnlyDictionary<string, string> pathValues)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(pathValues);
        if (!pathValues.TryGetValue(api.Dataset.Parent, out var id) || !_entries.TryGetValue((api.Id, id), out var entry)) return null;
        foreach (var (name, value) in entry.Values)
        {
            if (!pathValues.TryGetValue(name, out var given) || !string.Equals(given, value, StringComparison.Ordinal)) return null;
        }

        return entry;
    }

    /// <summary>The parents of every API, keyed by API id, for <c>GET /__stub/parents</c>.</summary>
    public SortedDictionary<string, List<IReadOnlyDictionary<string, string>>> ByApi()
    {
        // The definitions' order first (the first known parent is the default), then those set up later, by id.
        var entries = _entries;
        var result = new SortedDictionary<string, List<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var api in _apis)
        {
            var known = api.Dataset.Parents.Select(p => p[api.Dataset.Parent]).ToList();
            var ids = known.Concat(entries.Keys.Where(k => k.Api == api.Id).Select(k => k.Parent).Except(known).Order(StringComparer.Ordinal));
            result[api.Id] = ids.Where(id => entries.ContainsKey((api.Id, id))).Select(id => entries[(api.Id, id)].Values).ToList();
        }

        return result;
    }

    /// <summary>
    /// Sets up a parent for every API whose dataset parent is one of <paramref name="values"/>' keys, with
    /// <paramref name="size"/> records: the API's other path parameters are taken from <paramref name="values"/>
    /// or its first known parent. Returns the APIs touched.
    /// </summary>
    public IReadOnlyList<string> Set(IReadOnlyDictionary<string, string> values, long? size)
    {
        ArgumentNullException.ThrowIfNull(values);
        var setups = new List<ParentSetup>();
        foreach (var api in _apis)
        {
            if (!values.ContainsKey(api.Dataset.Parent)) continue;
            var full = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in api.Dataset.Parents[0]) full[name] = values.TryGetValue(name, out var given) ? given : value;
            setups.Add(new ParentSetup(api, full, Exists: true, size, Fails: false, ImmutableDictionary<long, JsonObject>.Empty));
        }

        Apply(setups);
        return setups.Select(s => s.Api.Id).ToList();
    }

    /// <summary>Applies provider-state setups: each replaces the whole entry of its parent (or removes it when the state asks for no parent).</summary>
    public void Apply(IReadOnlyList<ParentSetup> setups)
    {
        ArgumentNullException.ThrowIfNull(setups);
        lock (_gate)
        {
            var builder = _entries.ToBuilder();
            foreach (var setup in setups)
            {
                var key = (setup.Api.Id, setup.ParentId);
                if (!setup.Exists)
                {
                    builder.Remove(key);
                    continue;
                }

                builder[key] = new Entry(setup.Values, setup.Size)
                {
                    FromState = true,
                    Fails = setup.Fails,
                    Records = setup.Records.ToImmutableDictionary(kv => kv.Key, kv => (JsonObject)kv.Value.DeepClone()),
                };
            }

            _entries = builder.ToImmutable();
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Undoes provider-state setups (a teardown): each parent named goes back to the definitions' entry, or away when it is not a known parent.</summary>
    public void Restore(IReadOnlyList<ParentSetup> setups)
    {
        ArgumentNullException.ThrowIfNull(setups);
        var known = Known();
        lock (_gate)
        {
            var builder = _entries.ToBuilder();
            foreach (var setup in setups)
            {
                var key = (setup.Api.Id, setup.ParentId);
                if (known.TryGetValue(key, out var entry)) builder[key] = entry;
                else builder.Remove(key);
            }

            _entries = builder.ToImmutable();
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Back to the definitions' known parents.</summary>
    public void Reset()
    {
        var known = Known();
        lock (_gate)
        {
            _entries = known;
            Interlocked.Increment(ref _version);
        }
    }

    private ImmutableDictionary<(string, string), Entry> Known()
    {
        var builder = ImmutableDictionary.CreateBuilder<(string, string), Entry>();
        foreach (var api in _apis)
        {
            foreach (var parent in api.Dataset.Parents) builder[(api.Id, parent[api.Dataset.Parent])] = new Entry(parent, null);
        }

        return builder.ToImmutable();
    }
}
