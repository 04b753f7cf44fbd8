namespace ApiContracts.Fixtures.Export;

/// <summary>The export formats.</summary>
public enum ExportFormat
{
    /// <summary>One JSON array.</summary>
    Json,

    /// <summary>One JSON record per line.</summary>
    Ndjson,

    /// <summary>A header row, then one row per record (see <see cref="CsvOptions"/>).</summary>
    Csv,

    /// <summary>An SQLite database with typed tables: one for the records, one per nested array (see <see cref="SqliteExport"/>).</summary>
    Sqlite,
}

/// <summary>How CSV column names are written.</summary>
public enum CsvHeaderNames
{
    /// <summary>Plain dotted names: <c>request.parameters.replica</c> (the default).</summary>
    Dotted,

    /// <summary>JSON pointers: <c>/request/parameters/replica</c>.</summary>
    Pointer,
}

/// <summary>
/// CSV choices that make a file a spreadsheet opens well. Cells follow RFC 4180. A missing value is an empty
/// cell, JSON null is the unquoted token <see cref="NullToken"/>, and a text that is empty or reads as the
/// token is always quoted (<c>""</c>, <c>"NULL"</c>), so the three stay apart; PostgreSQL's
/// <c>COPY ... (FORMAT csv, NULL 'NULL')</c> follows the same rule for its null string.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>What a JSON null is written as.</summary>
    public const string NullToken = "NULL";

    /// <summary>The defaults: dotted names, a byte order mark, the header in shard 1 only.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>How column names are written; default <see cref="CsvHeaderNames.Dotted"/>.</summary>
    public CsvHeaderNames HeaderNames { get; init; } = CsvHeaderNames.Dotted;

    /// <summary>
    /// Whether every shard starts with the header (and the byte order mark). Default false: only shard 1 does,
    /// so shards 1..n concatenate to the unsharded file byte for byte.
    /// </summary>
    public bool HeaderInEveryShard { get; init; }

    /// <summary>Whether the file starts with a UTF-8 byte order mark, which spreadsheets need to read UTF-8 text (zh_CN); default true.</summary>
    public bool ByteOrderMark { get; init; } = true;
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
