using ApiContracts.Core;
using ApiContracts.Fixtures.Generation;
using BenchmarkDotNet.Attributes;

namespace ApiContracts.Benchmarks;

/// <summary>
/// Records per second per core for each API's fixture record: each operation makes
/// <see cref="Batch"/> consecutive records of a 10^9-record dataset, starting at a random-looking index,
/// so the figure includes the O(1) random access. One thread: BenchmarkDotNet reports ns per record. The
/// minimum is shown beside the mean: on a machine other work loads, it is the steadier figure.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class RecordBenchmarks
{
    private const int Batch = 1_000;
    private FixtureSource _source = null!;
    private Dataset _dataset = null!;

    [Params("servicestage-instance-snapshots", "servicestage-instance-action", "pai-dsw-instance-snapshots", "servicestage-config-histories", "evs-snapshots-detail")]
    public string Api { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = ContractCatalog.Load(ApiContracts.Core.Tests.Repo.Root);
        _source = FixtureSource.For(catalog, Api);
        _dataset = Dataset.ForKnownParent(catalog.Api(Api), null, 1, 1_000_000_000);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Records()
    {
        var members = 0;
        for (var i = 0; i < Batch; i++) members += _source.Record(_dataset, 123_456_789 + i).Count;
        return members;
    }
}
