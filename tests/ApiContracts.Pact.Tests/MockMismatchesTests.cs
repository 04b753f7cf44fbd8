using System.Runtime.InteropServices;
using ApiContracts.Pact.Builder;
using ApiContracts.Pact.Interop;

namespace ApiContracts.Pact.Tests;

public class MockMismatchesTests
{
    // What libpact_ffi 0.5.8's mock server reported for one wrong query, one unknown path and one missing request.
    private const string EngineReport = """
        [{"method":"GET","mismatches":[{"actual":"3","expected":"2","mismatch":"Expected query parameter 'limit' with value '2' but was '3'","parameter":"limit","type":"QueryMismatch"}],"path":"/v2/p/cloudsnapshots/detail","type":"request-mismatch"},
         {"method":"GET","path":"/nowhere","request":{"body":"","headers":{"accept":"*/*"},"method":"GET","path":"/nowhere"},"type":"request-not-found"},
         {"method":"GET","path":"/v2/q/cloudsnapshots/detail","request":{"method":"GET","path":"/v2/q/cloudsnapshots/detail"},"type":"missing-request"}]
        """;

    [Fact]
    public void Describe_EngineReport_OneReadableLinePerProblem()
    {
        var lines = MockMismatches.Describe(EngineReport);

        Assert.Equal(
            [
                "mismatch    GET /v2/p/cloudsnapshots/detail: query limit: Expected query parameter 'limit' with value '2' but was '3'",
                "unexpected  GET /nowhere: no interaction in the pact matches it",
                "missing     GET /v2/q/cloudsnapshots/detail: expected by the pact, never received",
            ],
            lines);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("", 0)]
    [InlineData("not json", 1)]
    public void Describe_NothingOrUnreadable_IsEmptyOrKeptAsIs(string report, int count)
    {
        Assert.Equal(count, MockMismatches.Describe(report).Count);
    }

    [Fact]
    public void EngineCandidates_LookUnderRuntimesForThisPlatformFirst()
    {
        var candidates = NativeLibraries.EngineCandidates("/app").ToList();

        Assert.Equal(Path.Combine("/app", "runtimes", RuntimeInformation.RuntimeIdentifier, "native", NativeLibraries.EngineFileName), candidates[0]);
        Assert.Equal(Path.Combine("/app", NativeLibraries.EngineFileName), candidates[^1]);
        Assert.Equal(OperatingSystem.IsWindows() ? "pact_ffi.dll" : OperatingSystem.IsMacOS() ? "libpact_ffi.dylib" : "libpact_ffi.so", NativeLibraries.EngineFileName);
    }

    [Fact]
    public void Engine_LoadsFromTheRuntimesFolderOfTheBuildOutput()
    {
        // The build puts the engine under runtimes/<rid>/native/ only, as the NuGet package does.
        Assert.True(File.Exists(NativeLibraries.EngineCandidates(AppContext.BaseDirectory).First()));
        Assert.StartsWith("0.", NativePactDriver.EngineVersion, StringComparison.Ordinal);
    }
}
