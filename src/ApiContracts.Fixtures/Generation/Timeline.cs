using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Creation and modification times as a pure function of (dataset, index), with gaps that vary like real
/// activity. Index 0 is the newest record; times fall strictly with the index, at least one whole second apart,
/// so they stay distinct and ordered even when printed to the second.
/// <para>
/// How: the nominal depth <see cref="NominalSeconds"/> of record i (seconds before the reference) is a smooth
/// closed form whose slope is the mean gap: an hour at the top, falling to 1.25 s deep down, so 10^9 records
/// reach back about 47 years. Records come in groups of 1,024 whose ends sit on that curve; the seconds of a
/// group beyond one per record are dealt to its 32 blocks by seeded log-normal weights (busy and quiet
/// stretches), and a block's share to its 32 records the same way (bursts and pauses). So record i costs
/// O(block) to place alone, and consecutive records reuse the group and block last placed.
/// </para>
/// </summary>
public sealed class Timeline
{
    /// <summary>Records per group; a group's ends lie on the nominal curve.</summary>
    public const int GroupSize = BlockSize * BlocksPerGroup;

    private const int BlockSize = 32;
    private const int BlocksPerGroup = 32;
    private const double DeepGap = 1.25;
    private const double TopGap = 3600;
    private const double Knee = 5000;
    private const double GroupSpread = 1.2;
    private const double RecordSpread = 1.3;
    private const ulong GroupSalt = 0x6A0C7E5UL;
    private const ulong BlockSalt = 0xB10C5EEDUL;
    private const ulong JitterSalt = 0xC4EA7EDUL;
    private const ulong ModifiedSalt = 0x30D1F1EDUL;

    private readonly long _anchor;
    private readonly long _reference;
    private Placed? _lastGroup;
    private Placed? _lastBlock;

    /// <summary>A timeline ending at <paramref name="reference"/>: record 0 is created just before it.</summary>
    public Timeline(DateTimeOffset reference)
    {
        _reference = reference.ToUnixTimeMilliseconds();
        _anchor = _reference / 1000 * 1000;
    }

    /// <summary>Seconds before the reference at nominal depth <paramref name="index"/>: 1.25 i + 3600 K ln(1 + i/K), K = 5000.</summary>
    public static double NominalSeconds(long index) => (DeepGap * index) + (TopGap * Knee * Math.Log(1 + (index / Knee)));

    /// <summary>Milliseconds since the Unix epoch at which record <paramref name="index"/> of the dataset keyed <paramref name="datasetKey"/> was created.</summary>
    public long Created(ulong datasetKey, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var seconds = SecondsBefore(datasetKey, index);
        // The record's key (Dataset.RecordKey) salted: where in its second the record falls.
        var jitter = (long)(Seed.Combine(Seed.Combine(datasetKey, (ulong)index), JitterSalt) % 999);
        // Inside the whole second (seconds + 1) before the anchor, never its last millisecond, so a modification can follow.
        return _anchor - ((seconds + 1) * 1000) + jitter;
    }

    /// <summary>
    /// A modification time after <paramref name="created"/> and before the reference: half the records settle within
    /// seconds to an hour of their creation (log-uniform), the other half change at a uniform point up to the reference.
    /// </summary>
    public long Modified(ulong recordKey, long created)
    {
        var random = new FieldRandom(Seed.Combine(recordKey, ModifiedSalt));
        var span = _reference - 1 - created;
        if (span <= 1) return created + Math.Max(span, 0);
        long later;
        if (random.Chance(0.5))
        {
            // 2 s to 1 h, evenly spread on a log scale.
            later = (long)Math.Exp(Math.Log(2_000) + (Unit(ref random) * Math.Log(3_600_000 / 2_000.0)));
        }
        else
        {
            later = (long)(Unit(ref random) * span);
        }

        return created + Math.Clamp(later, 1, span);
    }

    /// <summary>RFC 3339 in UTC to the second, as PAI prints it (<c>2021-01-12T14:36:01Z</c>).</summary>
    public static string IsoZ(long millis) => TimeText.Format(millis, "yyyy-MM-ddTHH:mm:ssZ");

    /// <summary>EVS's zone-less UTC time with microseconds (<c>2018-05-30T03:14:44.457975</c>).</summary>
    public static string Evs(long millis, int micros) => TimeText.Format(millis, "yyyy-MM-ddTHH:mm:ss.fffuuu", micros);

    // Whole seconds between the anchor and record index's second: strictly increasing with the index.
    private long SecondsBefore(ulong datasetKey, long index)
    {
        var group = index / GroupSize;
        var inGroup = (int)(index % GroupSize);
        var block = inGroup / BlockSize;
        var groups = Group(datasetKey, group);
        var blocks = Block(datasetKey, group, block, groups.Offsets[block + 1] - groups.Offsets[block] - BlockSize);
        return groups.Start + groups.Offsets[block] + blocks.Offsets[inGroup % BlockSize];
    }

    // The group's start and its blocks' offsets (BlocksPerGroup + 1 of them, the last one the group's length).
    private Placed Group(ulong datasetKey, long group)
    {
        var last = Volatile.Read(ref _lastGroup);
        if (last is not null && last.Key == datasetKey && last.Index == group) return last;
        var start = (long)Math.Round(NominalSeconds(group * GroupSize));
        var length = (long)Math.Round(NominalSeconds((group + 1) * GroupSize)) - start;
        var random = new FieldRandom(Seed.Combine(Seed.Combine(datasetKey, GroupSalt), (ulong)group));
        var placed = new Placed(datasetKey, group, start, Deal(ref random, BlocksPerGroup, BlockSize, length - GroupSize, GroupSpread, closed: true));
        Volatile.Write(ref _lastGroup, placed);
        return placed;
    }

    // The block's records' offsets from the block start; extra is the block's seconds beyond one per record.
    private Placed Block(ulong datasetKey, long group, int block, long extra)
    {
        var index = (group * BlocksPerGroup) + block;
        var last = Volatile.Read(ref _lastBlock);
        if (last is not null && last.Key == datasetKey && last.Index == index) return last;
        var random = new FieldRandom(Seed.Combine(Seed.Combine(datasetKey, BlockSalt), (ulong)index));
        var placed = new Placed(datasetKey, index, 0, Deal(ref random, BlockSize, 1, extra, RecordSpread, closed: false));
        Volatile.Write(ref _lastBlock, placed);
        return placed;
    }

    // Offsets of `count` items, each `unit` seconds long, with `extra` seconds dealt before them by log-normal
    // weights: item k starts at k * unit + floor(extra * (w0 + ... + wk) / W). With closed, the first item starts
    // at 0 and the list ends with the total length; otherwise one more weight follows the last item, so the gap
    // to the next block varies too.
    private static long[] Deal(ref FieldRandom random, int count, int unit, long extra, double spread, bool closed)
    {
        var weights = new double[count + 1];
        var total = 0.0;
        for (var k = 0; k <= count; k++)
        {
            weights[k] = closed && k == 0 ? 0 : Math.Exp(spread * Normal(ref random));
            total += weights[k];
        }

        var offsets = new long[closed ? count + 1 : count];
        var sum = 0.0;
        for (var k = 0; k < offsets.Length; k++)
        {
            sum += weights[k];
            offsets[k] = ((long)k * unit) + (k == count ? extra : (long)Math.Floor(extra * Math.Min(1, sum / total)));
        }

        return offsets;
    }

    // A standard normal variate, near enough: the sum of four uniforms, centred and scaled (Irwin-Hall).
    private static double Normal(ref FieldRandom random) =>
        (Unit(ref random) + Unit(ref random) + Unit(ref random) + Unit(ref random) - 2) * 1.7320508075688772;

    private static double Unit(ref FieldRandom random) => (random.NextU64() >> 11) * (1.0 / (1UL << 53));

    // Immutable, so a reader that finds it under its key may use it while another thread replaces it.
    private sealed record Placed(ulong Key, long Index, long Start, long[] Offsets);
}
