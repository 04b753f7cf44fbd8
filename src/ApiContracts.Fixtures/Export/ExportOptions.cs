namespace ApiContracts.Fixtures.Export;

/// <summary>The export formats.</summary>
public enum ExportFormat
{
    /// <summary>One JSON array.</summary>
    Json,

    /// <summary>One JSON record per line.</summary>
    Ndjson,

    /// <summary>A header of JSON pointers, then one row per record.</summary>
    Csv,
}

/// <summary>The k-th (1-based) of n disjoint, contiguous index ranges that together cover the dataset.</summary>
/// <param name="K">Which shard, 1..N.</param>
/// <param name="N">How many shards.</param>
public readonly record struct Shard(int K, int N)
{
    /// <summary>The whole dataset.</summary>
    public static Shard All => new(1, 1);

    /// <summary>Whether this is the first shard.</summary>
    public bool IsFirst => K == 1;

    /// <summary>Whether this is the last shard.</summary>
    public bool IsLast => K == N;

    /// <summary>Parses <c>k/n</c> with 1 &lt;= k &lt;= n.</summary>
    /// <exception cref="FormatException">Naming what is wrong.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
        {
            throw new FormatException($"--shard '{text}' must be k/n with 1 <= k <= n, e.g. 2/4");
        }

        return new Shard(k, n);
    }

    /// <summary>The index range [start, end) of this shard of <paramref name="count"/> records.</summary>
    public (long Start, long End) Range(long count) => (Bound(K - 1, count), Bound(K, count));

    private long Bound(int i, long count) => (long)((System.Numerics.BigInteger)count * i / N);
}
