// Times the fixture generator: for each API, consecutive records of a 10^9-record dataset from index
// 123,456,789 (so random access is included), one thread. After a warm-up it times `batches` batches of
// `count` records and prints, for the fastest batch, records per second of the process's CPU time (time
// the scheduler gave to other processes on a loaded machine is not counted) and of wall time, and the
// bytes allocated per record. Usage: FixtureCompare <repo root> <label> <profile> <count> <batches>
using System.Diagnostics;
using System.Globalization;
using ApiContracts.Core;
using ApiContracts.Fixtures.Generation;

var root = args[0];
var label = args[1];
var profileName = args[2];
var count = int.Parse(args[3], CultureInfo.InvariantCulture);
var batches = int.Parse(args[4], CultureInfo.InvariantCulture);
string[] apis = ["servicestage-instance-snapshots", "servicestage-instance-action", "pai-dsw-instance-snapshots", "servicestage-config-histories", "evs-snapshots-detail"];

var catalog = ContractCatalog.Load(root);
foreach (var api in apis)
{
    var source = FixtureSource.For(catalog, api);
#if NO_PROFILES
    var dataset = Dataset.ForKnownParent(catalog.Api(api), null, 1, 1_000_000_000);
#else
    var dataset = Dataset.ForKnownParent(catalog.Api(api), null, 1, 1_000_000_000, FixtureProfile.Parse(profileName));
#endif
    var sink = 0L;
    var warm = Stopwatch.StartNew();
    for (var i = 0; warm.ElapsedMilliseconds < 1_000; i++) sink += source.Record(dataset, 123_456_789 + (i % 100_000)).Count;
    double cpuBest = 0, wallBest = 0, bytes = 0;
    using var process = Process.GetCurrentProcess();
    for (var b = 0; b < batches; b++)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) sink += source.Record(dataset, 123_456_789 + i).Count;
        var wall = clock.Elapsed.TotalSeconds;
        bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated0) / (double)count;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        cpuBest = Math.Max(cpuBest, count / cpu);
        wallBest = Math.Max(wallBest, count / wall);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-14} {api,-32} cpu {cpuBest,10:N0} rec/s  wall {wallBest,10:N0} rec/s  {bytes,7:N0} B/rec  (sink {sink % 7})"));
}
