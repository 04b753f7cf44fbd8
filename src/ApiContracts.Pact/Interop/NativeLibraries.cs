using System.Reflection;
using System.Runtime.InteropServices;

namespace ApiContracts.Pact.Interop;

/// <summary>
/// Where this assembly's native imports come from. The engine (<c>pact_ffi</c>) is looked for under
/// <c>runtimes/&lt;rid&gt;/native/</c> beside the assembly when the application's own probing (a NuGet
/// consumer's deps.json, the application folder) does not find it: that is where a project build and the
/// <c>apicontracts</c> tool keep it. <c>libc</c> is the C library already in the process (glibc or musl on
/// Linux, libSystem on macOS), found through the main program's symbols rather than by a file name that
/// differs by platform.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>The platforms the engine ships for, as .NET names them.</summary>
    internal static readonly string[] EngineRids = ["linux-x64", "linux-musl-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    private static int _registered;

    /// <summary>Installs the resolver once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0) NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The file name of the engine on this platform.</summary>
    internal static string EngineFileName =>
        OperatingSystem.IsWindows() ? "pact_ffi.dll" : OperatingSystem.IsMacOS() ? "libpact_ffi.dylib" : "libpact_ffi.so";

    /// <summary>The folders searched for the engine after the application's own probing, most specific first.</summary>
    internal static IEnumerable<string> EngineCandidates(string baseDirectory)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        yield return Path.Combine(baseDirectory, "runtimes", rid, "native", EngineFileName);
        // A distribution-specific identifier (alpine.3.20-x64) falls back to the portable one.
        var portable = (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : IsMusl() ? "linux-musl" : "linux")
            + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (portable != rid) yield return Path.Combine(baseDirectory, "runtimes", portable, "native", EngineFileName);
        yield return Path.Combine(baseDirectory, EngineFileName);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name == "libc")
        {
            return OperatingSystem.IsWindows() ? IntPtr.Zero : NativeLibrary.GetMainProgramHandle();
        }

        if (name != NativeMethods.DllName) return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle)) return handle;
        foreach (var directory in new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory }.Where(d => !string.IsNullOrEmpty(d)).Distinct())
        {
            foreach (var candidate in EngineCandidates(directory!))
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle)) return handle;
            }
        }

        throw new DllNotFoundException(
            $"the Pact engine ({EngineFileName}) for {RuntimeInformation.RuntimeIdentifier} was not found beside {assembly.GetName().Name} " +
            $"(looked in runtimes/<rid>/native/ and the application folder). It ships for {string.Join(", ", EngineRids)}; " +
            "on another platform the Pact commands are not available, while the definitions, fixtures and the stub server are.");
    }

    private static bool IsMusl()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // musl's dynamic loader is named ld-musl-<arch>.so.1; glibc systems have none.
            return Directory.EnumerateFiles("/lib", "ld-musl-*").Any();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
