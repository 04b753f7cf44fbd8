using System.Runtime.InteropServices;
using ApiContracts.Pact.Interop;

namespace ApiContracts.Pact.Tests;

public class TelemetryTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr NativeGetEnv(string name);

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int NativeUnsetEnv(string name);

    [Fact]
    public void TelemetryOptOut_ReachesTheEnvironmentTheEngineReads()
    {
        // .NET's own copy of the environment is not what native code sees on Linux; read the C library's.
        Assert.Equal(0, NativeUnsetEnv(NativeMethods.TelemetryVariable));
        Assert.Equal(IntPtr.Zero, NativeGetEnv(NativeMethods.TelemetryVariable));

        NativeMethods.TurnOffTelemetry();

        Assert.Equal("true", Marshal.PtrToStringUTF8(NativeGetEnv(NativeMethods.TelemetryVariable)));
        Assert.Equal("true", Environment.GetEnvironmentVariable(NativeMethods.TelemetryVariable));
    }
}
