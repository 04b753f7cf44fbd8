using System.Globalization;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>Settings shared by every generated value.</summary>
public sealed record GeneratorOptions
{
    /// <summary>The instant datasets are anchored to: record 0 is created just before it. Fixed, never the clock.</summary>
    public DateTimeOffset ReferenceTime { get; init; } = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>en</c> or <c>zh_CN</c>: the language of free text.</summary>
    public string Locale { get; init; } = "en";
}

/// <summary>
/// A virtual dataset: (API, parent resource, seed, size). Records are never stored; record <c>i</c>
/// is computed on demand from (seed, API, parent id, i, field path).
/// </summary>
public sealed record Dataset
{
    /// <summary>Creates a dataset of <paramref name="size"/> records under <paramref name="parent"/>.</summary>
    /// <exception cref="ArgumentException">When the parent lacks a path parameter or the size is negative.</exception>
    public Dataset(ApiDefinition api, IReadOnlyDictionary<string, string> parent, ulong seed, long size)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        foreach (var field in api.Request.Path?.Fields ?? [])
        {
            if (!parent.ContainsKey(field.Name)) throw new ArgumentException($"the parent of {api.Id} needs the path parameter '{field.Name}'", nameof(parent));
        }

        Api = api;
        Parent = parent;
        SeedValue = seed;
        Size = size;
        Key = Seeding.Seed.Hash(seed.ToString(CultureInfo.InvariantCulture), api.Id, ParentId);
        ParentKey = Seeding.Seed.Combine(Key, 0x5CA1AB1EUL);
    }

    /// <summary>The API.</summary>
    public ApiDefinition Api { get; }

    /// <summary>The parent's path parameter values.</summary>
    public IReadOnlyDictionary<string, string> Parent { get; }

    /// <summary>The seed.</summary>
    public ulong SeedValue { get; }

    /// <summary>The number of records.</summary>
    public long Size { get; }

    /// <summary>
    /// How the values are drawn (default <see cref="FixtureProfile.Realistic"/>). It belongs to the dataset, not the
    /// generator, because the stub's status filter counts the statuses the profile deals; ids, times and versions
    /// do not depend on it.
    /// </summary>
    public FixtureProfile Profile { get; init; } = FixtureProfile.Realistic;

    /// <summary>The parent id (the value of the API's dataset parent parameter).</summary>
    public string ParentId => Parent[Api.Dataset.Parent];

    /// <summary>The key every record key derives from.</summary>
    public ulong Key { get; }

    /// <summary>The key of values shared by all records of the parent.</summary>
    public ulong ParentKey { get; }

    /// <summary>The key of record <paramref name="index"/>.</summary>
    public ulong RecordKey(long index) => Seeding.Seed.Combine(Key, (ulong)index);

    /// <summary>A dataset under the API's known parent <paramref name="parentId"/> (or the first known parent when null).</summary>
    /// <exception cref="KeyNotFoundException">With the known ids, when the parent is unknown.</exception>
    public static Dataset ForKnownParent(ApiDefinition api, string? parentId, ulong seed, long size, FixtureProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var parent = parentId is null ? api.Dataset.Parents[0] : api.Dataset.FindParent(parentId)
            ?? throw new KeyNotFoundException($"unknown parent '{parentId}' for {api.Id} (known {api.Dataset.Parent} values: {string.Join(", ", api.Dataset.Parents.Select(p => p[api.Dataset.Parent]))})");
        return new Dataset(api, parent, seed, size) { Profile = profile ?? FixtureProfile.Realistic };
    }
}
