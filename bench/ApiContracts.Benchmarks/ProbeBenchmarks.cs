using ApiContracts.Conformance.Probe;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using BenchmarkDotNet.Attributes;

namespace ApiContracts.Benchmarks;

/// <summary>
/// A full probe of all five APIs against the stub server on loopback, warm (the first run, with its JIT and
/// schema compilation, is the setup's): checks per second = checks / mean, requests per second = requests / mean.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private StubServer _stub = null!;

    [Params(25L, 1000L)]
    public long Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new StubSettings { Size = Size } });
        var report = FullProbe();
        Console.WriteLine($"// probe of size {Size}: {report.Checks.Count} checks, {report.Requests} requests, passed: {report.Passed}");
    }

    [GlobalCleanup]
    public void Cleanup() => _stub.Dispose();

    [Benchmark]
    public ProbeReport FullProbe() => Prober.Run(Repo.Catalog, new ProbeOptions { BaseUrl = new Uri(_stub.Url), MaxRequests = 10_000 });
}
