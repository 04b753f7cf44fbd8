using System.Runtime.InteropServices;

namespace ApiContracts.Cli;

/// <summary>Waits for the user to stop a server command.</summary>
internal static class StopSignal
{
    /// <summary>Blocks until Ctrl+C (SIGINT), SIGTERM or <paramref name="cancel"/>; the signals are handled, so the process does not end.</summary>
    public static void Wait(CancellationToken cancel)
    {
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        using var registration = cancel.Register(stop.Set);
        stop.Wait(CancellationToken.None);
    }
}
