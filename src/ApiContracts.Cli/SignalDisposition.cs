using System.Reflection;
using System.Runtime.InteropServices;

namespace ApiContracts.Cli;

/// <summary>
/// Makes Ctrl+C (SIGINT) reach a command started in the background by a script (<c>apicontracts serve &amp;</c>).
/// A non-interactive shell starts a background job with SIGINT ignored, and .NET keeps an ignored SIGINT
/// ignored: when its signal handling starts (on the first console use or signal registration) it records the
/// disposition and installs no handler, so a <see cref="PosixSignalRegistration"/> for SIGINT never runs and
/// <c>kill -INT</c> does nothing. Resetting the disposition to the default before that, first thing in
/// <c>Main</c>, lets the registrations of <c>serve</c>, <c>mock</c> and the writing commands install their
/// handlers: every command stops on SIGINT as it does in the foreground.
/// </summary>
internal static partial class SignalDisposition
{
    private const int SigInt = 2; // the same number on Linux and macOS
    private static int _resolver;

    /// <summary>Restores the default disposition of SIGINT if it was ignored (nothing on Windows); call it before any console use.</summary>
    public static void RestoreInterrupt()
    {
        if (OperatingSystem.IsWindows()) return;
        if (Interlocked.Exchange(ref _resolver, 1) == 0) NativeLibrary.SetDllImportResolver(typeof(SignalDisposition).Assembly, Resolve);
        if (CurrentHandler(SigInt) == SigIgn) SetSignal(SigInt, IntPtr.Zero); // SIG_DFL
    }

    private static readonly IntPtr SigIgn = new(1);

    // struct sigaction starts with the handler on glibc, musl and macOS; a generous buffer holds the rest.
    private static unsafe IntPtr CurrentHandler(int signal)
    {
        var action = stackalloc byte[512];
        new Span<byte>(action, 512).Clear();
        return GetAction(signal, IntPtr.Zero, (IntPtr)action) == 0 ? *(IntPtr*)action : IntPtr.Zero;
    }

    // The C library is already in the process (glibc, musl or libSystem): find it through the main program's symbols.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libc" ? NativeLibrary.GetMainProgramHandle() : IntPtr.Zero;

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int GetAction(int signal, IntPtr action, IntPtr previous);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr SetSignal(int signal, IntPtr handler);
}
