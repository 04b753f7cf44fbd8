using System.Globalization;

namespace ApiContracts.Fixtures.Seeding;

/// <summary>
/// UUID-shaped ids that encode a record index under a dataset key, reversibly: EVS markers are
/// snapshot ids, and decoding one finds its record without searching the dataset.
/// </summary>
public static class IndexCodec
{
    private const ulong Odd = 0x9E3779B97F4A7C15UL;
    private static readonly ulong OddInverse = Inverse(Odd);

    /// <summary>The id of record <paramref name="index"/> under <paramref name="key"/>.</summary>
    public static string Encode(ulong key, long index)
    {
        var payload = ((ulong)index ^ key) * Odd;
        var tail = new FieldRandom(Seed.Combine(key, (ulong)index ^ 0x1D5UL));
        var hex = payload.ToString("x16", CultureInfo.InvariantCulture);
        var version = "4" + tail.Hex(3);
        var variant = "89ab"[tail.Next(4)] + tail.Hex(3);
        return $"{hex[..8]}-{hex[8..12]}-{version}-{variant}-{hex[12..16]}{tail.Hex(8)}";
    }

    /// <summary>The index encoded in <paramref name="id"/> under <paramref name="key"/>, or -1 when the id is not one of the dataset's.</summary>
    public static long Decode(ulong key, string id, long size)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-') return -1;
        var hex = string.Concat(id.AsSpan(0, 8), id.AsSpan(9, 4), id.AsSpan(24, 4));
        if (!ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var payload)) return -1;
        var index = (long)((payload * OddInverse) ^ key);
        return index >= 0 && index < size && string.Equals(Encode(key, index), id, StringComparison.Ordinal) ? index : -1;
    }

    // The multiplicative inverse of an odd number modulo 2^64, by Newton's iteration.
    private static ulong Inverse(ulong a)
    {
        var x = a;
        for (var i = 0; i < 6; i++) x *= 2 - (a * x);
        return x;
    }
}
