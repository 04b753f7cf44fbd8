using System.Text;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Export;
using ApiContracts.Fixtures.Generation;
using Microsoft.Data.Sqlite;

namespace ApiContracts.Fixtures.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-export").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, ExportFormat> Cases()
    {
        var data = new TheoryData<string, ExportFormat>();
        foreach (var api in Repo.Catalog.Apis)
        {
            foreach (var format in Enum.GetValues<ExportFormat>()) data.Add(api.Id, format);
        }

        return data;
    }

    private byte[] Export(string apiId, ExportFormat format, ulong seed, long count, Shard shard, string name, CsvOptions? csv = null)
    {
        var path = Path.Combine(_folder, name);
        var dataset = Dataset.ForKnownParent(Repo.Catalog.Api(apiId), null, seed, count);
        FixtureExporter.Export(FixtureSource.For(Repo.Catalog, apiId), dataset, format, shard, path, csv: csv);
        return File.ReadAllBytes(path);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameSeed_GivesIdenticalBytes_AndShardsConcatenateToTheWhole(string apiId, ExportFormat format)
    {
        var whole = Export(apiId, format, 3, 1_001, Shard.All, "a");
        var again = Export(apiId, format, 3, 1_001, Shard.All, "b");
        var shards = Enumerable.Range(1, 3).Select(k => Export(apiId, format, 3, 1_001, new Shard(k, 3), $"s{k}")).ToList();
        var otherSeed = Export(apiId, format, 4, 1_001, Shard.All, "c");

        Assert.Equal(whole, again);
        Assert.NotEqual(whole, otherSeed);
        if (format == ExportFormat.Sqlite)
        {
            // Each SQLite shard is a database of its own range; together they hold the whole export's rows.
            var rows = SqliteRows(Path.Combine(_folder, "a"));
            Assert.Equal(rows, shards.Select((_, k) => SqliteRows(Path.Combine(_folder, $"s{k + 1}"))).SelectMany(r => r).ToList());
        }
        else
        {
            Assert.Equal(whole, shards.SelectMany(b => b).ToArray());
        }

        Assert.Empty(Directory.GetFiles(_folder, "*.partial", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "*.sqlite.partial"));
    }

    // Every row of the records table, as text, in index order.
    private static List<string> SqliteRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT value FROM _dataset WHERE key = 'records'";
        var table = (string)tables.ExecuteScalar()!;
        using var rows = connection.CreateCommand();
        rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY _index";
        using var reader = rows.ExecuteReader();
        var result = new List<string>();
        while (reader.Read()) result.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return result;
    }

    [Fact]
    public void Json_IsOneArray_Ndjson_OneRecordPerLine_Csv_BomThenDottedHeader()
    {
        var json = Encoding.UTF8.GetString(Export("servicestage-config-histories", ExportFormat.Json, 1, 25, Shard.All, "j"));
        var ndjson = Encoding.UTF8.GetString(Export("servicestage-config-histories", ExportFormat.Ndjson, 1, 25, Shard.All, "n"));
        var csv = Export("servicestage-instance-action", ExportFormat.Csv, 1, 25, Shard.All, "c");

        Assert.Equal(25, System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Count);
        Assert.Equal(25, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        Assert.StartsWith("request.action,request.parameters.replica,request.parameters.hosts,request.parameters.version,response.job_id\n", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);
        Assert.Equal("[\n\n]\n", Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Json, 1, 0, Shard.All, "e")));
    }

    [Fact]
    public void Csv_PointerHeader_AndNoBom_AreChoices()
    {
        var csv = Export("servicestage-instance-action", ExportFormat.Csv, 1, 5, Shard.All, "p", new CsvOptions { HeaderNames = CsvHeaderNames.Pointer, ByteOrderMark = false });

        Assert.StartsWith("/request/action,/request/parameters/replica,/request/parameters/hosts,/request/parameters/version,/response/job_id\n", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HeaderAlways_StartsEveryShardWithTheBomAndHeader_AndTheRowsStillAddUp()
    {
        var always = new CsvOptions { HeaderInEveryShard = true };
        var whole = Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Csv, 5, 100, Shard.All, "w", always));
        var shards = Enumerable.Range(1, 3).Select(k => Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Csv, 5, 100, new Shard(k, 3), $"h{k}", always))).ToList();
        var header = whole[..(whole.IndexOf('\n', StringComparison.Ordinal) + 1)];

        Assert.StartsWith("\uFEFFid,status,name,", header, StringComparison.Ordinal);
        Assert.All(shards, shard => Assert.StartsWith(header, shard, StringComparison.Ordinal));
        Assert.Equal(whole, header + string.Concat(shards.Select(s => s[header.Length..])));
        Assert.False(Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Csv, 5, 100, new Shard(2, 3), "d2")).StartsWith('\uFEFF'));
    }

    [Fact]
    public void Csv_NullIsTheToken_MissingIsEmpty_AndATextReadingAsTheTokenIsQuoted()
    {
        var record = new System.Text.Json.Nodes.JsonObject { ["a"] = null, ["b"] = "NULL", ["c"] = "", ["d"] = "null", ["e"] = 5, ["f"] = "plain", ["g"] = new System.Text.Json.Nodes.JsonObject { ["h"] = null } };
        var line = new StringBuilder();

        var pointers = new[] { "/a", "/b", "/c", "/d", "/e", "/f", "/missing", "/g/h", "/g/missing" };
        for (var i = 0; i < pointers.Length; i++)
        {
            if (i > 0) line.Append(',');
            Flatten.AppendCell(line, record, pointers[i]);
        }

        Assert.Equal("NULL,\"NULL\",\"\",\"null\",5,plain,,NULL,", line.ToString());
    }

    [Fact]
    public void Csv_NullableFields_WriteTheToken_OptionalOnesLeaveTheCellEmpty()
    {
        var evs = Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Csv, 1, 200, Shard.All, "n1")).Split('\n');
        var action = Encoding.UTF8.GetString(Export("servicestage-instance-action", ExportFormat.Csv, 1, 50, Shard.All, "n2")).Split('\n');

        Assert.Contains(evs, row => row.Split(',')[3] == CsvOptions.NullToken); // description is nullable
        Assert.Contains(action, row => row.StartsWith("start,,,,JOB", StringComparison.Ordinal)); // a start carries no parameters
        Assert.DoesNotContain(action, row => row.Contains(CsvOptions.NullToken, StringComparison.Ordinal));
    }

    [Fact]
    public void Sqlite_KeepsNumbersAsNumbers_OneTablePerRecordType_ArraysAsChildTables()
    {
        Export("pai-dsw-instance-snapshots", ExportFormat.Sqlite, 2, 60, Shard.All, "p.db");
        Export("servicestage-config-histories", ExportFormat.Sqlite, 2, 60, Shard.All, "h.db");
        var records = Enumerable.Range(0, 60).Select(i => FixtureSource.For(Repo.Catalog, "pai-dsw-instance-snapshots").Record(Dataset.ForKnownParent(Repo.Catalog.Api("pai-dsw-instance-snapshots"), null, 2, 60), i)).ToList();

        Assert.Equal(["Snapshots", "Snapshots_ExcludePaths", "Snapshots_Labels", "_dataset"], Query(Path.Combine(_folder, "p.db"), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        Assert.Equal([60L], Query(Path.Combine(_folder, "p.db"), "SELECT count(*) FROM Snapshots"));
        Assert.Equal([(long)records.Sum(r => r["Labels"]!.AsArray().Count)], Query(Path.Combine(_folder, "p.db"), "SELECT count(*) FROM Snapshots_Labels"));
        Assert.Equal([(string)records[7]["Labels"]![0]!["Key"]!], Query(Path.Combine(_folder, "p.db"), "SELECT Key FROM Snapshots_Labels WHERE _index = 7 AND _position = 0").Take(1));
        Assert.Equal(["integer"], Query(Path.Combine(_folder, "h.db"), "SELECT DISTINCT typeof(create_time) FROM histories"));
        Assert.Equal(["integer"], Query(Path.Combine(_folder, "h.db"), "SELECT DISTINCT typeof(sensitive) FROM histories"));
        Assert.Equal(["60"], Query(Path.Combine(_folder, "h.db"), "SELECT CAST(value AS TEXT) FROM _dataset WHERE key = 'size'"));
    }

    private static List<object?> Query(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<object?>();
        while (reader.Read()) result.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        return result;
    }

    [Fact]
    public void Csv_QuotesCellsWithCommasQuotesAndNewlines()
    {
        var line = new StringBuilder();

        Flatten.AppendCsv(line, "a,b \"c\"\nd");

        Assert.Equal("\"a,b \"\"c\"\"\nd\"", line.ToString());
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("1")]
    [InlineData("-1/2")]
    public void MalformedShard_IsRejected(string text) => Assert.Throws<FormatException>(() => Shard.Parse(text));

    [Fact]
    public void Shards_AreDisjointAndCoverTheRange()
    {
        var ranges = Enumerable.Range(1, 7).Select(k => new Shard(k, 7).Range(1_000_000_007)).ToList();

        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(1_000_000_007, ranges[^1].End);
        for (var i = 1; i < ranges.Count; i++) Assert.Equal(ranges[i - 1].End, ranges[i].Start);
    }

    [Fact]
    public void UnwritableTarget_LeavesNoFileBehind()
    {
        var blocked = Path.Combine(_folder, "blocked");
        Directory.CreateDirectory(blocked);
        var target = Path.Combine(blocked, "out.ndjson");
        Directory.CreateDirectory(target); // a folder where the file should go: refused before anything is written

        var ex = Assert.ThrowsAny<IOException>(() => Export("evs-snapshots-detail", ExportFormat.Ndjson, 1, 100, Shard.All, Path.Combine("blocked", "out.ndjson")));
        Assert.Contains("it is a directory", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(blocked));
    }
}
