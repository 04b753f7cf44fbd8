using System.Globalization;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Creation times as a pure function of the record index. Index 0 is the newest record; times fall
/// strictly with the index (an hour apart for the first 10,000 records, a second apart after that),
/// with 1..999 ms of jitter, so they stay distinct even when printed to the second, and 10^9 records
/// reach back about 33 years.
/// </summary>
public static class Timeline
{
    private const long DenseAfter = 10_000;

    /// <summary>Milliseconds since the Unix epoch at which record <paramref name="index"/> was created.</summary>
    public static long CreatedMillis(DateTimeOffset reference, long index, ulong jitterKey)
    {
        var anchor = reference.ToUnixTimeMilliseconds() / 1000 * 1000;
        var spacing = (index * 1000) + (Math.Min(index, DenseAfter) * 3_599_000);
        var jitter = 1 + (long)(jitterKey % 999);
        return anchor - spacing - jitter;
    }

    /// <summary>A modification time at or after <paramref name="created"/> and not after the reference.</summary>
    public static long ModifiedMillis(DateTimeOffset reference, long created, ulong key)
    {
        var limit = reference.ToUnixTimeMilliseconds();
        var later = created + (long)(key % (30UL * 24 * 3600 * 1000));
        return Math.Min(limit - 1, Math.Max(created, later));
    }

    /// <summary>RFC 3339 in UTC to the second, as PAI prints it (<c>2021-01-12T14:36:01Z</c>).</summary>
    public static string IsoZ(long millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>EVS's zone-less UTC time with microseconds (<c>2018-05-30T03:14:44.457975</c>).</summary>
    public static string Evs(long millis, int micros) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
        + micros.ToString("000", CultureInfo.InvariantCulture);
}
