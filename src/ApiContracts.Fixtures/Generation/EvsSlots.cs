using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// The EVS snapshot statuses of one dataset, assigned so that a status filter stays countable without a scan.
/// The dataset's records fall into blocks of <see cref="BlockSize"/>. The dataset's seed draws one mix of
/// statuses for a block (every status at least once, mostly <c>available</c>), and each block holds that mix
/// in its own seeded order. So the statuses vary with the seed and show no short cycle, while counting the
/// matches among the first n records and finding the k-th match cost O(<see cref="BlockSize"/>) for any size.
/// </summary>
public sealed class EvsSlots
{
    /// <summary>How many consecutive records share one mix of statuses.</summary>
    public const int BlockSize = 32;

    private const ulong MixSalt = 0xE5571A7UL;

    // The statuses EVS lists for snapshots, with how often each is drawn for the rest of a block.
    private static readonly (string Status, int Weight)[] Weighted =
    [
        ("available", 30), ("creating", 2), ("backing-up", 2), ("error", 1), ("deleting", 1), ("rollbacking", 1), ("error_deleting", 1),
    ];

    private static readonly int TotalWeight = Weighted.Sum(w => w.Weight);

    private readonly string[] _mix;
    private readonly ulong _key;
    private readonly Dictionary<string, int> _perBlock;

    private EvsSlots(ulong key)
    {
        _key = key;
        var random = new FieldRandom(key);
        _mix = new string[BlockSize];
        for (var i = 0; i < BlockSize; i++) _mix[i] = i < Weighted.Length ? Weighted[i].Status : Draw(ref random);
        _perBlock = _mix.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Every status a snapshot can have.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Weighted.Select(w => w.Status).ToArray();

    /// <summary>The slots of <paramref name="dataset"/>: they depend on its seed, API and parent, never on its size.</summary>
    public static EvsSlots For(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new EvsSlots(Seed.Combine(dataset.Key, MixSalt));
    }

    /// <summary>How many records of each block have <paramref name="status"/> (0 for a status EVS does not have).</summary>
    public int PerBlock(string? status) => status is not null && _perBlock.TryGetValue(status, out var n) ? n : 0;

    /// <summary>The status of record <paramref name="index"/>, in O(<see cref="BlockSize"/>).</summary>
    public string Status(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Block(index / BlockSize)[(int)(index % BlockSize)];
    }

    /// <summary>How many of the records [0, <paramref name="size"/>) have <paramref name="status"/>.</summary>
    public long Count(string? status, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var perBlock = PerBlock(status);
        if (perBlock == 0) return 0;
        var count = size / BlockSize * perBlock;
        var rest = (int)(size % BlockSize);
        if (rest == 0) return count;
        var block = Block(size / BlockSize);
        for (var i = 0; i < rest; i++)
        {
            if (block[i] == status) count++;
        }

        return count;
    }

    /// <summary>The index of the <paramref name="k"/>-th (0-based) record with <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When no record has the status.</exception>
    public long IndexOf(string? status, long k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var perBlock = PerBlock(status);
        if (perBlock == 0) throw new ArgumentOutOfRangeException(nameof(status), status, "no snapshot has this status");
        var blockIndex = k / perBlock;
        var wanted = k % perBlock;
        var block = Block(blockIndex);
        for (var i = 0; i < BlockSize; i++)
        {
            if (block[i] == status && wanted-- == 0) return (blockIndex * BlockSize) + i;
        }

        throw new InvalidOperationException("unreachable: every block holds the same mix");
    }

    // The block's statuses: the dataset's mix in the block's own order (a seeded Fisher-Yates shuffle).
    private string[] Block(long block)
    {
        var order = (string[])_mix.Clone();
        var random = new FieldRandom(Seed.Combine(_key, (ulong)block));
        for (var i = BlockSize - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static string Draw(ref FieldRandom random)
    {
        var pick = random.Next(TotalWeight);
        foreach (var (status, weight) in Weighted)
        {
            if (pick < weight) return status;
            pick -= weight;
        }

        return Weighted[0].Status;
    }
}
