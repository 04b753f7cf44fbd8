using System.Text;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Export;
using ApiContracts.Fixtures.Generation;

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

    private byte[] Export(string apiId, ExportFormat format, ulong seed, long count, Shard shard, string name)
    {
        var path = Path.Combine(_folder, name);
        var dataset = Dataset.ForKnownParent(Repo.Catalog.Api(apiId), null, seed, count);
        FixtureExporter.Export(FixtureSource.For(Repo.Catalog, apiId), dataset, format, shard, path);
        return File.ReadAllBytes(path);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameSeed_GivesIdenticalBytes_AndShardsConcatenateToTheWhole(string apiId, ExportFormat format)
    {
        var whole = Export(apiId, format, 3, 1_001, Shard.All, "a");
        var again = Export(apiId, format, 3, 1_001, Shard.All, "b");
        var shards = Enumerable.Range(1, 3).SelectMany(k => Export(apiId, format, 3, 1_001, new Shard(k, 3), $"s{k}")).ToArray();
        var otherSeed = Export(apiId, format, 4, 1_001, Shard.All, "c");

        Assert.Equal(whole, again);
        Assert.Equal(whole, shards);
        Assert.NotEqual(whole, otherSeed);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Fact]
    public void Json_IsOneArray_Ndjson_OneRecordPerLine_Csv_HeaderOfPointers()
    {
        var json = Encoding.UTF8.GetString(Export("servicestage-config-histories", ExportFormat.Json, 1, 25, Shard.All, "j"));
        var ndjson = Encoding.UTF8.GetString(Export("servicestage-config-histories", ExportFormat.Ndjson, 1, 25, Shard.All, "n"));
        var csv = Encoding.UTF8.GetString(Export("servicestage-instance-action", ExportFormat.Csv, 1, 25, Shard.All, "c"));

        Assert.Equal(25, System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Count);
        Assert.Equal(25, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("/request/action,/request/parameters/replica,/request/parameters/hosts,/request/parameters/version,/response/job_id\n", csv, StringComparison.Ordinal);
        Assert.Equal("[\n\n]\n", Encoding.UTF8.GetString(Export("evs-snapshots-detail", ExportFormat.Json, 1, 0, Shard.All, "e")));
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
