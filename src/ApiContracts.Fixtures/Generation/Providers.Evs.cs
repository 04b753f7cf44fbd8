using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

// EVS snapshots: statuses (see EvsSlots), the project's disks and their sizes.
internal static partial class Providers
{
    private const ulong VolumeSalt = 0x501A5EUL;

    // Common disk sizes in GB: 40 is the usual system disk, the rest data disks.
    private static readonly Weighted<long> DiskSizes = new(
        (40, 30), (100, 18), (200, 10), (50, 8), (500, 8), (1024, 6), (60, 4), (80, 4), (2048, 4), (20, 3), (300, 3), (4096, 2));

    private static readonly long[] EdgeDiskSizes = [0, 1, 32_768, int.MaxValue];

    private static string DescribeEvsStatus(FixtureProfile profile) => profile.EvenMixes
        ? $"every status equally often ({string.Join(", ", EvsSlots.Statuses)}), in blocks of {EvsSlots.BlockSize.ToString("N0", CultureInfo.InvariantCulture)} records so the stub's status filter counts without a scan"
        : $"dealt in blocks of {EvsSlots.BlockSize.ToString("N0", CultureInfo.InvariantCulture)} records with a seeded mix: the newest block 84-96% available, the rest creating, backing-up, error, deleting, "
            + "rollbacking and error_deleting; older blocks 90-98% available, the rest error, deleting, error_deleting and rollbacking "
            + "(no snapshot stays creating or backing-up); each status's weight scaled by a seeded factor between 0.5 and 2";

    // A project has a pool of disks, some snapshotted far more often than others.
    private static int Volume(RecordContext context, out int pool)
    {
        pool = (int)(8 + (Seed.Combine(context.Dataset.ParentKey, VolumeSalt) % 33));
        var u = new FieldRandom(Seed.Combine(context.RecordKey, VolumeSalt)).NextDouble();
        return (int)(pool * u * u);
    }

    private static JsonNode VolumeId(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings) =>
        new FieldRandom(Seed.Combine(context.Dataset.ParentKey, VolumeSalt + (ulong)Volume(context, out _) + 1)).Uuid();

    private static string DescribeVolumeId(FixtureProfile profile) =>
        "one of the project's 8 to 40 disks (a UUID each), picked unevenly: the busiest disk is snapshotted far more often than the quietest";

    private static JsonNode DiskSize(FieldPlan plan, ref FieldRandom random, RecordContext context, Siblings? siblings)
    {
        if (context.Dataset.Profile.EvenMixes) return EdgeDiskSizes[random.Next(EdgeDiskSizes.Length)];
        // A snapshot is as large as its disk.
        var disk = new FieldRandom(Seed.Combine(context.Dataset.ParentKey, (VolumeSalt << 8) + (ulong)Volume(context, out _)));
        return DiskSizes.Pick(ref disk);
    }

    private static string DescribeDiskSize(FixtureProfile profile) => profile.EvenMixes
        ? "one of " + string.Join(", ", EdgeDiskSizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ", equally often"
        : "the size of the snapshot's disk; disks take common sizes: " + DiskSizes.Describe(s => s.ToString(CultureInfo.InvariantCulture)) + " (shares of disks)";
}
