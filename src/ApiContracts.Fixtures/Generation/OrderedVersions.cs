using System.Globalization;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Semantic version labels that rise with creation time, counted from the oldest record (ordinal 1 is
/// <c>1.0.0</c>), and their inverse, so a rollback target is checked in O(1) without the dataset.
/// <para>
/// Releases come in eras of <see cref="EraLength"/>: each era holds <see cref="MajorsPerEra"/> major lines of
/// 64 to 192 releases, each split into minor lines of 1 to 25 patches. An era follows one of
/// <see cref="Patterns"/> fixed layouts (era 0 the first, later eras by a hash of the era), so most steps bump
/// the patch, some the minor and few the major (see <see cref="Shares"/>), yet the label of any ordinal and the
/// ordinal of any label are table lookups. The layouts are fixed, not seeded: a pact names a version and the
/// provider state <c>an instance with a snapshot of this version</c> must find the same ordinal for any seed.
/// </para>
/// </summary>
public static class OrderedVersions
{
    /// <summary>Releases per era.</summary>
    public const int EraLength = 1024;

    /// <summary>Major lines per era.</summary>
    public const int MajorsPerEra = 8;

    /// <summary>How many era layouts there are.</summary>
    public const int Patterns = 16;

    private const ulong LayoutKey = 0x5E4E5A11UL;

    // Minor line lengths (patches per minor) and their weights: a new minor every six or seven releases or so.
    private static readonly (int Length, int Weight)[] MinorLengths =
    [
        (1, 3), (2, 6), (3, 8), (4, 9), (5, 9), (6, 8), (7, 7), (8, 6), (9, 5), (10, 4), (12, 3), (15, 2), (20, 2), (25, 1),
    ];

    private static readonly Layout[] Layouts = Enumerable.Range(0, Patterns).Select(Build).ToArray();

    /// <summary>The shares of release steps that bump the patch, the minor and the major, over all layouts.</summary>
    public static (double Patch, double Minor, double Major) Shares { get; } = CountShares();

    /// <summary>The label of the record <paramref name="ordinal"/> counted from the oldest (1): 1.0.0, 1.0.1, ...</summary>
    public static string Semver(long ordinal)
    {
        var n = Math.Max(ordinal, 1) - 1;
        var era = n / EraLength;
        var layout = Layouts[PatternOf(era)];
        var q = (int)(n % EraLength);
        var major = (era * MajorsPerEra) + layout.Major[q] + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{major}.{layout.Minor[q]}.{layout.Patch[q]}");
    }

    /// <summary>The ordinal <see cref="Semver"/> made <paramref name="version"/> from; 0 when it is not such a label.</summary>
    public static long Ordinal(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
            || major < 1 || major > long.MaxValue / EraLength)
        {
            return 0;
        }

        var era = (major - 1) / MajorsPerEra;
        var line = (int)((major - 1) % MajorsPerEra);
        var starts = Layouts[PatternOf(era)].MinorStarts[line];
        if (minor >= starts.Length - 1 || patch >= starts[minor + 1] - starts[minor]) return 0;
        var ordinal = (era * EraLength) + starts[minor] + patch + 1;
        // Leading zeros ("01.0.0") parse but are not labels.
        return Semver(ordinal) == version ? ordinal : 0;
    }

    private static int PatternOf(long era) => era == 0 ? 0 : (int)(Seed.Mix((ulong)era ^ LayoutKey) % Patterns);

    private static Layout Build(int pattern)
    {
        var random = new FieldRandom(Seed.Combine(LayoutKey, (ulong)pattern));
        // Major line lengths: 64 each, plus the era's other 512 releases dealt by weight, capped at 192.
        var lengths = new int[MajorsPerEra];
        var weights = Enumerable.Range(0, MajorsPerEra).Select(_ => 0.2 + (random.Next(1000) / 625.0)).ToArray();
        var spare = EraLength - (64 * MajorsPerEra);
        var given = 0;
        for (var j = 0; j < MajorsPerEra; j++)
        {
            lengths[j] = 64 + (j == MajorsPerEra - 1 ? spare - given : Math.Min(128, (int)(spare * weights[j] / weights.Sum())));
            given += lengths[j] - 64;
        }

        var layout = new Layout(new byte[EraLength], new short[EraLength], new short[EraLength], new int[MajorsPerEra][]);
        var q = 0;
        var total = MinorLengths.Sum(m => m.Weight);
        for (var j = 0; j < MajorsPerEra; j++)
        {
            var starts = new List<int> { q };
            var end = q + lengths[j];
            var minor = 0;
            while (q < end)
            {
                var pick = random.Next(total);
                var length = MinorLengths.First(m => (pick -= m.Weight) < 0).Length;
                for (var patch = 0; patch < length && q < end; patch++, q++)
                {
                    layout.Major[q] = (byte)j;
                    layout.Minor[q] = (short)minor;
                    layout.Patch[q] = (short)patch;
                }

                starts.Add(q);
                minor++;
            }

            layout.MinorStarts[j] = starts.ToArray();
        }

        return layout;
    }

    private static (double, double, double) CountShares()
    {
        double patch = 0, minor = 0, major = 0;
        foreach (var layout in Layouts)
        {
            // The step into each release: the first of the era is a major bump from the previous era.
            for (var q = 0; q < EraLength; q++)
            {
                if (q == 0 || layout.Major[q] != layout.Major[q - 1]) major++;
                else if (layout.Minor[q] != layout.Minor[q - 1]) minor++;
                else patch++;
            }
        }

        var all = patch + minor + major;
        return (patch / all, minor / all, major / all);
    }

    // One era layout: per release its major line, minor and patch; per major line where each minor starts (and its end).
    private sealed record Layout(byte[] Major, short[] Minor, short[] Patch, int[][] MinorStarts);
}
