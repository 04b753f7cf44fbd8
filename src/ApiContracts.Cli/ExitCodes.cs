namespace ApiContracts.Cli;

/// <summary>The exit codes every command shares.</summary>
public static class ExitCodes
{
    /// <summary>Done, or valid.</summary>
    public const int Ok = 0;

    /// <summary>The input was read and is not valid (or artifacts are stale under --check).</summary>
    public const int Invalid = 1;

    /// <summary>Bad usage, unreadable input or malformed definitions.</summary>
    public const int BadInput = 2;

    /// <summary>A fault of the tool itself; the message asks for a report.</summary>
    public const int Internal = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT, 128 + 2) while writing; nothing was written.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15) while writing; nothing was written.</summary>
    public const int Terminated = 143;
}
