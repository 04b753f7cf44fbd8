using System.Runtime.InteropServices;

namespace ApiContracts.Pact.Interop;

/// <summary>A pact under construction in the engine (a 16-bit reference).</summary>
/// <param name="Value">The engine's reference.</param>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct PactHandle(ushort Value);

/// <summary>An interaction of a pact under construction (a 32-bit reference).</summary>
/// <param name="Value">The engine's reference.</param>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct InteractionHandle(uint Value);

/// <summary>The engine's part selector.</summary>
internal enum InteractionPart
{
    Request = 0,
    Response = 1,
}

/// <summary>
/// The C ABI of libpact_ffi 0.5.8, the calls that were checked on this machine. Strings are UTF-8;
/// a C bool is one byte. Who frees a returned string is noted per call.
/// </summary>
internal static partial class NativeMethods
{
    internal const string DllName = "pact_ffi";

    // Every engine call goes through this class, so this runs before the first one.
    static NativeMethods()
    {
        NativeLibraries.Register();
        TurnOffTelemetry();
    }

    /// <summary>
    /// Sets <c>PACT_DO_NOT_TRACK=true</c> where the engine reads it. On Windows that is the process
    /// environment <see cref="Environment.SetEnvironmentVariable(string, string)"/> writes. On Linux and macOS
    /// .NET keeps its own copy of the environment, which reaches child processes but not the C library's
    /// environment that libpact_ffi reads: set that one too, with the C library's <c>setenv</c> (glibc, musl or
    /// libSystem, resolved by <see cref="NativeLibraries"/>).
    /// </summary>
    internal static void TurnOffTelemetry()
    {
        Environment.SetEnvironmentVariable(TelemetryVariable, "true");
        if (OperatingSystem.IsWindows()) return;
        NativeLibraries.Register();
        if (SetNativeEnvironment(TelemetryVariable, "true", 1) != 0) throw new InvalidOperationException($"setenv({TelemetryVariable}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The engine's telemetry opt-out.</summary>
    internal const string TelemetryVariable = "PACT_DO_NOT_TRACK";

    // The C library's environment, the one native code sees; "libc" is resolved to the process's own C library.
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    [LibraryImport(DllName, EntryPoint = "pactffi_version")]
    internal static partial IntPtr Version(); // static: never freed

    [LibraryImport(DllName, EntryPoint = "pactffi_string_delete")]
    internal static partial void StringDelete(IntPtr text);

    [LibraryImport(DllName, EntryPoint = "pactffi_new_pact", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PactHandle NewPact(string consumer, string provider);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_specification")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithSpecification(PactHandle pact, int specification);

    [LibraryImport(DllName, EntryPoint = "pactffi_new_interaction", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial InteractionHandle NewInteraction(PactHandle pact, string description);

    [LibraryImport(DllName, EntryPoint = "pactffi_upon_receiving", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool UponReceiving(InteractionHandle interaction, string description);

    [LibraryImport(DllName, EntryPoint = "pactffi_given", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Given(InteractionHandle interaction, string state);

    [LibraryImport(DllName, EntryPoint = "pactffi_given_with_param", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool GivenWithParam(InteractionHandle interaction, string state, string name, string value);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_request", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithRequest(InteractionHandle interaction, string method, string path);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_query_parameter_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithQueryParameter(InteractionHandle interaction, string name, nuint index, string value);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_header_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithHeader(InteractionHandle interaction, InteractionPart part, string name, nuint index, string value);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_matching_rules", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithMatchingRules(InteractionHandle interaction, InteractionPart part, string rules);

    [LibraryImport(DllName, EntryPoint = "pactffi_response_status")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool ResponseStatus(InteractionHandle interaction, ushort status);

    [LibraryImport(DllName, EntryPoint = "pactffi_with_body", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithBody(InteractionHandle interaction, InteractionPart part, string contentType, string body);

    [LibraryImport(DllName, EntryPoint = "pactffi_free_pact_handle")]
    internal static partial uint FreePactHandle(PactHandle pact);

    [LibraryImport(DllName, EntryPoint = "pactffi_pact_handle_write_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PactHandleWriteFile(PactHandle pact, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    [LibraryImport(DllName, EntryPoint = "pactffi_create_mock_server_for_transport", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int CreateMockServerForTransport(PactHandle pact, string address, ushort port, string transport, string? config);

    [LibraryImport(DllName, EntryPoint = "pactffi_mock_server_matched")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool MockServerMatched(int port);

    [LibraryImport(DllName, EntryPoint = "pactffi_mock_server_mismatches")]
    internal static partial IntPtr MockServerMismatches(int port); // owned by the mock server: never freed

    [LibraryImport(DllName, EntryPoint = "pactffi_write_pact_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int WritePactFile(int port, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    [LibraryImport(DllName, EntryPoint = "pactffi_cleanup_mock_server")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool CleanupMockServer(int port);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_new_for_application", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr VerifierNewForApplication(string name, string version);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_set_provider_info", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderInfo(VerifierHandle handle, string name, string scheme, string host, ushort port, string path);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_add_file_source", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddFileSource(VerifierHandle handle, string file);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_set_provider_state", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderState(VerifierHandle handle, string url, byte teardown, byte body);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_set_verification_options")]
    internal static partial int VerifierSetVerificationOptions(VerifierHandle handle, byte disableSslVerification, ulong requestTimeoutMs);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_set_coloured_output")]
    internal static partial int VerifierSetColouredOutput(VerifierHandle handle, byte coloured);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_set_no_pacts_is_error")]
    internal static partial int VerifierSetNoPactsIsError(VerifierHandle handle, byte isError);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_execute")]
    internal static partial int VerifierExecute(VerifierHandle handle);

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_json")]
    internal static partial IntPtr VerifierJson(VerifierHandle handle); // caller frees

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_output")]
    internal static partial IntPtr VerifierOutput(VerifierHandle handle, byte stripAnsi); // caller frees

    [LibraryImport(DllName, EntryPoint = "pactffi_verifier_shutdown")]
    internal static partial void VerifierShutdown(IntPtr handle);
}

/// <summary>The verifier handle: owned, shut down exactly once.</summary>
internal sealed class VerifierHandle : SafeHandle
{
    public VerifierHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.VerifierShutdown(handle);
        return true;
    }

    internal static VerifierHandle Create(string name, string version)
    {
        var raw = NativeMethods.VerifierNewForApplication(name, version);
        if (raw == IntPtr.Zero) throw new PactEngineException("pactffi_verifier_new_for_application", "returned no verifier");
        var handle = new VerifierHandle();
        handle.SetHandle(raw);
        return handle;
    }
}
