namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// How many mappings (and bytes of them) <c>/__admin/mappings</c> may hold besides the pack's: without a bound,
/// ten thousand posted mappings took gigabytes and made every API request slow, since WireMock.Net tries each.
/// Each posted mapping is followed by its GUID (the stub gives one to a mapping that names none); mappings
/// WireMock no longer holds (deleted, reset) stop counting.
/// </summary>
internal sealed class MappingBudget
{
    /// <summary>The most mappings posted through <c>/__admin</c> that the server holds at once.</summary>
    public const int MaxMappings = 1_000;

    /// <summary>The most bytes (as posted JSON) those mappings may take together.</summary>
    public const long MaxBytes = 64L << 20;

    private readonly Dictionary<Guid, long> _posted = [];

    /// <summary>Serialises the mapping changes, so two posts cannot both pass the check and together exceed it.</summary>
    public SemaphoreSlim Changes { get; } = new(1, 1);

    /// <summary>Null when <paramref name="incoming"/> fits beside what WireMock holds (<paramref name="held"/>); else why not.</summary>
    public string? Admit(IReadOnlyList<(Guid Guid, long Bytes)> incoming, IReadOnlySet<Guid> held)
    {
        foreach (var gone in _posted.Keys.Where(g => !held.Contains(g)).ToList()) _posted.Remove(gone);
        var replaced = incoming.Select(m => m.Guid).ToHashSet();
        var count = _posted.Keys.Count(g => !replaced.Contains(g)) + replaced.Count;
        var bytes = _posted.Where(p => !replaced.Contains(p.Key)).Sum(p => p.Value) + incoming.GroupBy(m => m.Guid).Sum(g => g.Last().Bytes);
        if (count > MaxMappings) return $"the stub holds at most {MaxMappings} mappings posted through /__admin (besides the pack's); this would make {count}. Delete some (DELETE /__admin/mappings/{{guid}}) or start again (POST /__admin/reset)";
        if (bytes > MaxBytes) return $"the mappings posted through /__admin may take at most {MaxBytes >> 20} MiB together; this would make {bytes >> 20} MiB. Serve large bodies from the pack's __files folder, or delete some mappings";
        return null;
    }

    /// <summary>Records mappings WireMock took.</summary>
    public void Add(IReadOnlyList<(Guid Guid, long Bytes)> taken)
    {
        foreach (var (guid, bytes) in taken) _posted[guid] = bytes;
    }

    /// <summary>Forgets every posted mapping (a reset).</summary>
    public void Clear() => _posted.Clear();
}
