using System.Runtime.InteropServices;

namespace ApiContracts.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation while a command writes, so the write can
/// remove its temporary file and leave the old one in place; a second signal ends the process at once.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _received;

    private Interrupt()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The signal received, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The conventional exit code for the signal received: 128 plus its number.</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>Starts listening; dispose to stop.</summary>
    public static Interrupt Listen() => new();

    /// <summary>Runs <paramref name="body"/> with the token; a cancellation by signal becomes a message and the signal's exit code.</summary>
    public static int Run(CliContext context, string nothingWritten, Func<CancellationToken, int> body)
    {
        using var interrupt = Listen();
        try
        {
            return body(interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.Signal is { } signal)
        {
            context.Fail($"stopped by {signal}: {nothingWritten}");
            return interrupt.ExitCode;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The first signal asks the write to stop and clean up; a second one is left to end the process.
        if (Interlocked.Increment(ref _received) > 1) return;
        context.Cancel = true;
        Signal = context.Signal;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The write ended as the signal came: nothing left to stop.
        }
    }
}
