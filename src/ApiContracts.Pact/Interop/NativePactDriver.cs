using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Pact.Builder;

namespace ApiContracts.Pact.Interop;

/// <summary>The builder operations on the real engine; engine refusals become <see cref="PactEngineException"/>s naming the call.</summary>
public sealed class NativePactDriver : IPactDriver
{
    /// <summary>The engine's version (for example 0.5.8).</summary>
    public static string EngineVersion => EngineStrings.Borrow(NativeMethods.Version()) ?? "unknown";

    /// <inheritdoc />
    public int NewPact(string consumer, string provider, PactSpecification specification)
    {
        var pact = NativeMethods.NewPact(consumer, provider);
        if (!NativeMethods.WithSpecification(pact, (int)specification))
        {
            // The caller never sees this pact, so it is freed here.
            NativeMethods.FreePactHandle(pact);
            EngineStrings.Check(false, "pactffi_with_specification", $"{consumer} -> {provider}, {specification}");
        }

        return pact.Value;
    }

    /// <inheritdoc />
    public long NewInteraction(int pact, string description)
    {
        var interaction = NativeMethods.NewInteraction(new PactHandle((ushort)pact), description);
        EngineStrings.Check(NativeMethods.UponReceiving(interaction, description), "pactffi_upon_receiving", description);
        return interaction.Value;
    }

    /// <inheritdoc />
    public void Given(long interaction, string state, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var handle = Handle(interaction);
        if (parameters.Count == 0)
        {
            EngineStrings.Check(NativeMethods.Given(handle, state), "pactffi_given", state);
            return;
        }

        foreach (var (name, value) in parameters)
        {
            var json = value?.ToJsonString() ?? "null";
            EngineStrings.Check(NativeMethods.GivenWithParam(handle, state, name, json), "pactffi_given_with_param", $"{state}, {name}={json}");
        }
    }

    /// <inheritdoc />
    public void WithRequest(long interaction, string method, string path) =>
        EngineStrings.Check(NativeMethods.WithRequest(Handle(interaction), method, path), "pactffi_with_request", $"{method} {path}");

    /// <inheritdoc />
    public void WithQuery(long interaction, string name, int index, string value) =>
        EngineStrings.Check(NativeMethods.WithQueryParameter(Handle(interaction), name, (nuint)index, value), "pactffi_with_query_parameter_v2", $"{name}[{index}]={value}");

    /// <inheritdoc />
    public void WithHeader(long interaction, bool request, string name, int index, string value) =>
        EngineStrings.Check(NativeMethods.WithHeader(Handle(interaction), request ? InteractionPart.Request : InteractionPart.Response, name, (nuint)index, value), "pactffi_with_header_v2", $"{name}={value}");

    /// <inheritdoc />
    public void WithBody(long interaction, bool request, string contentType, string body) =>
        EngineStrings.Check(NativeMethods.WithBody(Handle(interaction), request ? InteractionPart.Request : InteractionPart.Response, contentType, body), "pactffi_with_body", contentType);

    /// <inheritdoc />
    public void WithMatchingRules(long interaction, bool request, string rules) =>
        EngineStrings.Check(NativeMethods.WithMatchingRules(Handle(interaction), request ? InteractionPart.Request : InteractionPart.Response, rules), "pactffi_with_matching_rules", rules.Length > 80 ? rules[..80] + "..." : rules);

    /// <inheritdoc />
    public void ResponseStatus(long interaction, int status) =>
        EngineStrings.Check(NativeMethods.ResponseStatus(Handle(interaction), checked((ushort)status)), "pactffi_response_status", status.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public int StartMockServer(int pact, string host, int port)
    {
        var result = NativeMethods.CreateMockServerForTransport(new PactHandle((ushort)pact), host, checked((ushort)port), "http", null);
        return result > 0 ? result : throw new PactEngineException("pactffi_create_mock_server_for_transport", result switch
        {
            -3 => $"port {port} is in use or the transport is unknown (code -3)",
            -5 => $"'{host}' is not an address (code -5)",
            _ => $"failed with code {result}",
        });
    }

    /// <inheritdoc />
    public bool MockServerMatched(int port) => NativeMethods.MockServerMatched(port);

    /// <inheritdoc />
    public string MockServerMismatches(int port) => EngineStrings.Borrow(NativeMethods.MockServerMismatches(port)) ?? "[]";

    /// <inheritdoc />
    public void WriteMockServerPact(int port, string directory)
    {
        var result = NativeMethods.WritePactFile(port, directory, overwrite: true);
        if (result != 0) throw new PactEngineException("pactffi_write_pact_file", $"code {result} writing to {directory}");
    }

    /// <inheritdoc />
    public void StopMockServer(int port) => NativeMethods.CleanupMockServer(port);

    /// <inheritdoc />
    public void WritePact(int pact, string directory, bool overwrite)
    {
        var result = NativeMethods.PactHandleWriteFile(new PactHandle((ushort)pact), directory, overwrite);
        if (result != 0) throw new PactEngineException("pactffi_pact_handle_write_file", $"code {result} writing to {directory}");
    }

    /// <inheritdoc />
    public void FreePact(int pact) => NativeMethods.FreePactHandle(new PactHandle((ushort)pact));

    private static InteractionHandle Handle(long interaction) => new((uint)interaction);
}
