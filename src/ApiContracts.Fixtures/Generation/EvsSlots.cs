using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// The EVS snapshot statuses of one dataset, dealt so that a status filter stays countable without a scan.
/// <para>
/// Records fall into blocks of <see cref="BlockSize"/>. The dataset's seed draws two mixes, as counts per block:
/// one for the newest block, where snapshots can still be <c>creating</c> or <c>backing-up</c>, and one for
/// every older block, where only the lasting states and the ones any snapshot can enter now (<c>deleting</c>,
/// <c>rollbacking</c>) remain. In the realistic profile a fleet is mostly <c>available</c> (84-96% of the
/// newest block, 90-98% of older ones, by seed) with the other statuses weighted by seeded factors; in the
/// edge profile every status is dealt evenly. Each block lays its mix out in its own order through a seeded
/// permutation of its positions (a 10-bit Feistel network), so the status of a record costs O(1), and
/// counting the matches among the first n records or finding the k-th match costs O(the statuses other
/// than the filtered one in a block), whatever the size.
/// </para>
/// </summary>
public sealed class EvsSlots
{
    /// <summary>How many consecutive records share one mix of statuses.</summary>
    public const int BlockSize = 1 << HalfBits * 2;

    private const int HalfBits = 5;
    private const int HalfMask = (1 << HalfBits) - 1;
    private const int Rounds = 4;
    private const ulong MixSalt = 0xE5571A7UL;
    private const ulong OrderSalt = 0x0DE12E55UL;

    // The statuses EVS lists for snapshots, with their base weights per block after the available share.
    private static readonly (string Status, int Newest, int Older)[] Weighted =
    [
        ("available", 0, 0), ("creating", 30, 0), ("backing-up", 15, 0), ("error", 30, 40), ("deleting", 15, 20), ("rollbacking", 6, 8), ("error_deleting", 8, 12),
    ];

    // The slots last asked for: a record asks for its dataset's slots, and consecutive records share them.
    private static EvsSlots? _last;

    private readonly ulong _key;
    private readonly FixtureProfile _profile;
    private readonly ulong _orderKey;
    private readonly Mix _newest;
    private readonly Mix _older;

    private EvsSlots(ulong key, FixtureProfile profile)
    {
        _key = key;
        _profile = profile;
        _orderKey = Seed.Combine(key, OrderSalt);
        if (profile.EvenMixes)
        {
            _newest = _older = Mix.Even();
            return;
        }

        var random = new FieldRandom(Seed.Combine(key, MixSalt));
        var newestAvailable = 0.84 + (0.12 * Unit(ref random));
        var olderAvailable = 0.90 + (0.08 * Unit(ref random));
        var factors = Weighted.Select(_ => Math.Exp((Unit(ref random) * 1.4) - 0.7)).ToArray();
        _newest = Mix.Of(newestAvailable, Weighted.Select((w, i) => w.Newest * factors[i]).ToArray());
        _older = Mix.Of(olderAvailable, Weighted.Select((w, i) => w.Older * factors[i]).ToArray());
    }

    /// <summary>Every status a snapshot can have.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Weighted.Select(w => w.Status).ToArray();

    /// <summary>The slots of <paramref name="dataset"/>: they depend on its seed, API, parent and profile, never on its size.</summary>
    public static EvsSlots For(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var last = Volatile.Read(ref _last);
        if (last is not null && last._key == dataset.Key && ReferenceEquals(last._profile, dataset.Profile)) return last;
        last = new EvsSlots(dataset.Key, dataset.Profile);
        Volatile.Write(ref _last, last);
        return last;
    }

    /// <summary>How many records of the newest block (<paramref name="newest"/>) or of each older block have <paramref name="status"/>.</summary>
    public int PerBlock(string? status, bool newest = false) => (newest ? _newest : _older).Count(status);

    /// <summary>The status of record <paramref name="index"/>, in O(1).</summary>
    public string Status(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var block = index / BlockSize;
        return MixOf(block).StatusAt(Permute(block, (int)(index % BlockSize)));
    }

    /// <summary>How many of the records [0, <paramref name="size"/>) have <paramref name="status"/>.</summary>
    public long Count(string? status, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var newest = _newest.Count(status);
        if (size <= BlockSize) return InBlock(0, status, (int)size);
        var full = (size / BlockSize) - 1;
        var count = newest + (full * _older.Count(status));
        var rest = (int)(size % BlockSize);
        return rest == 0 ? count : count + InBlock(full + 1, status, rest);
    }

    /// <summary>The index of the <paramref name="k"/>-th (0-based) record with <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When fewer than k + 1 records have the status.</exception>
    public long IndexOf(string? status, long k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var newest = _newest.Count(status);
        if (k < newest) return Nth(0, status, (int)k);
        var older = _older.Count(status);
        if (older == 0) throw new ArgumentOutOfRangeException(nameof(k), k, $"only {newest} snapshot(s) have the status '{status}'");
        var rest = k - newest;
        var block = 1 + (rest / older);
        return (block * BlockSize) + Nth(block, status, (int)(rest % older));
    }

    private Mix MixOf(long block) => block == 0 ? _newest : _older;

    // How many of the first `prefix` positions of the block hold the status.
    private int InBlock(long block, string? status, int prefix)
    {
        var mix = MixOf(block);
        var (start, end) = mix.Run(status);
        if (end == start) return 0;
        if (end - start <= BlockSize / 2) return CountRun(block, start, end, prefix);
        // The commoner status: the prefix minus the others.
        return prefix - CountRun(block, 0, start, prefix) - CountRun(block, end, BlockSize, prefix);
    }

    private int CountRun(long block, int start, int end, int prefix)
    {
        var count = 0;
        for (var slot = start; slot < end; slot++)
        {
            if (Unpermute(block, slot) < prefix) count++;
        }

        return count;
    }

    // The position in the block of the k-th record holding the status.
    private int Nth(long block, string? status, int k)
    {
        var (start, end) = MixOf(block).Run(status);
        if (end - start <= BlockSize / 2)
        {
            var positions = new int[end - start];
            for (var slot = start; slot < end; slot++) positions[slot - start] = Unpermute(block, slot);
            Array.Sort(positions);
            return positions[k];
        }

        // The commoner status: walk past the positions of the others.
        var others = new int[BlockSize - (end - start)];
        var n = 0;
        for (var slot = 0; slot < start; slot++) others[n++] = Unpermute(block, slot);
        for (var slot = end; slot < BlockSize; slot++) others[n++] = Unpermute(block, slot);
        Array.Sort(others);
        var position = k;
        foreach (var taken in others)
        {
            if (taken > position) break;
            position++;
        }

        return position;
    }

    // A bijection of the block's positions onto its slots, and its inverse: a balanced Feistel network on 2 x 5 bits.
    private int Permute(long block, int position)
    {
        int left = position >> HalfBits, right = position & HalfMask;
        for (var round = 0; round < Rounds; round++) (left, right) = (right, left ^ RoundBits(block, round, right));
        return (left << HalfBits) | right;
    }

    private int Unpermute(long block, int slot)
    {
        int left = slot >> HalfBits, right = slot & HalfMask;
        for (var round = Rounds - 1; round >= 0; round--) (left, right) = (right ^ RoundBits(block, round, left), left);
        return (left << HalfBits) | right;
    }

    private int RoundBits(long block, int round, int half) =>
        (int)(Seed.Combine(_orderKey, ((ulong)block << 8) | ((uint)round << HalfBits) | (uint)half) & HalfMask);

    private static double Unit(ref FieldRandom random) => (random.NextU64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A block's statuses as counts, laid out in runs of slots in <see cref="Statuses"/> order.</summary>
    private sealed class Mix
    {
        private readonly int[] _starts;

        private Mix(int[] counts)
        {
            _starts = new int[counts.Length + 1];
            for (var i = 0; i < counts.Length; i++) _starts[i + 1] = _starts[i] + counts[i];
        }

        public static Mix Even() => new(Weighted.Select((_, i) => (BlockSize / Weighted.Length) + (i < BlockSize % Weighted.Length ? 1 : 0)).ToArray());

        // `available` takes its share; the other slots go to the rest by weight, largest remainders first.
        public static Mix Of(double available, double[] weights)
        {
            var counts = new int[weights.Length];
            var others = BlockSize - (int)Math.Round(available * BlockSize);
            var total = weights.Sum();
            var exact = weights.Select(w => w / total * others).ToArray();
            for (var i = 0; i < counts.Length; i++) counts[i] = (int)Math.Floor(exact[i]);
            var left = others - counts.Sum();
            foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left)) counts[i]++;
            counts[0] = BlockSize - counts.Sum();
            return new Mix(counts);
        }

        public int Count(string? status)
        {
            var (start, end) = Run(status);
            return end - start;
        }

        public (int Start, int End) Run(string? status)
        {
            for (var i = 0; i < Weighted.Length; i++)
            {
                if (string.Equals(Weighted[i].Status, status, StringComparison.Ordinal)) return (_starts[i], _starts[i + 1]);
            }

            return (0, 0);
        }

        public string StatusAt(int slot)
        {
            var i = 0;
            while (slot >= _starts[i + 1]) i++;
            return Weighted[i].Status;
        }
    }
}
