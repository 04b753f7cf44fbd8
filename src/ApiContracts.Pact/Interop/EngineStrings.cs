using System.Runtime.InteropServices;

namespace ApiContracts.Pact.Interop;

/// <summary>Thrown when the engine reports a failure; names the call and its arguments.</summary>
public sealed class PactEngineException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/>.</summary>
    public PactEngineException(string call, string detail)
        : base($"{call}: {detail}")
    {
        Call = call;
    }

    /// <summary>Creates the exception.</summary>
    public PactEngineException()
        : this("pact engine", "failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PactEngineException(string message)
        : this("pact engine", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PactEngineException(string message, Exception inner)
        : base(message, inner)
    {
        Call = "pact engine";
    }

    /// <summary>The engine function that failed.</summary>
    public string Call { get; } = "pact engine";
}

/// <summary>Strings the engine returns: copied, then freed when (and only when) the caller owns them.</summary>
internal static class EngineStrings
{
    /// <summary>Copies and frees a string the caller owns (verifier output and JSON, fetched logs).</summary>
    public static string? TakeOwned(IntPtr text)
    {
        if (text == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            NativeMethods.StringDelete(text);
        }
    }

    /// <summary>Copies a string the engine keeps (the version, mock-server mismatches); never frees it.</summary>
    public static string? Borrow(IntPtr text) => text == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(text);

    /// <summary>Turns a false result into an exception naming the call.</summary>
    public static void Check(bool ok, string call, string arguments)
    {
        if (!ok) throw new PactEngineException(call, $"refused ({arguments})");
    }
}
