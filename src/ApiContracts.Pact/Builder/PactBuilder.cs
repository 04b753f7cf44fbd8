using System.Text.Json.Nodes;
using ApiContracts.Pact.Interop;

namespace ApiContracts.Pact.Builder;

/// <summary>
/// Builds a consumer pact interaction by interaction, over a driver (the native engine by default),
/// and runs the engine's mock server for a client under test.
/// </summary>
public sealed class PactBuilder : IDisposable
{
    private readonly IPactDriver _driver;
    private bool _disposed;

    /// <summary>Starts a pact between <paramref name="consumer"/> and <paramref name="provider"/>.</summary>
    public PactBuilder(string consumer, string provider, PactSpecification specification = PactSpecification.V4, IPactDriver? driver = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _driver = driver ?? new NativePactDriver();
        Consumer = consumer;
        Provider = provider;
        Pact = _driver.NewPact(consumer, provider, specification);
    }

    /// <summary>The consumer's name.</summary>
    public string Consumer { get; }

    /// <summary>The provider's name.</summary>
    public string Provider { get; }

    internal int Pact { get; }

    /// <summary>Starts an interaction described as <paramref name="description"/>.</summary>
    public InteractionBuilder UponReceiving(string description)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new InteractionBuilder(_driver, _driver.NewInteraction(Pact, description));
    }

    /// <summary>Starts the engine's mock server for the interactions so far.</summary>
    public MockServer StartMockServer(string host = "127.0.0.1", int port = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new MockServer(_driver, _driver.StartMockServer(Pact, host, port), host);
    }

    /// <summary>Writes the pact file into <paramref name="directory"/>.</summary>
    public void WritePact(string directory, bool overwrite = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Directory.CreateDirectory(directory);
        _driver.WritePact(Pact, directory, overwrite);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _driver.FreePact(Pact);
    }
}

/// <summary>One interaction: provider states, the request, the response.</summary>
public sealed class InteractionBuilder
{
    private readonly IPactDriver _driver;
    private readonly long _interaction;
    private readonly Dictionary<string, int> _queryIndex = new(StringComparer.Ordinal);

    internal InteractionBuilder(IPactDriver driver, long interaction)
    {
        _driver = driver;
        _interaction = interaction;
    }

    /// <summary>A provider state, with parameters (instance ids, dataset sizes).</summary>
    public InteractionBuilder Given(string state, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        _driver.Given(_interaction, state, parameters ?? new Dictionary<string, JsonNode?>());
        return this;
    }

    /// <summary>The request's method and path.</summary>
    public InteractionBuilder WithRequest(string method, string path)
    {
        _driver.WithRequest(_interaction, method, path);
        return this;
    }

    /// <summary>A query parameter value, or a matcher.</summary>
    public InteractionBuilder WithQuery(string name, JsonNode value)
    {
        var index = _queryIndex.GetValueOrDefault(name);
        _queryIndex[name] = index + 1;
        _driver.WithQuery(_interaction, name, index, Text(value));
        return this;
    }

    /// <summary>A request header value, or a matcher.</summary>
    public InteractionBuilder WithHeader(string name, JsonNode value)
    {
        _driver.WithHeader(_interaction, true, name, 0, Text(value));
        return this;
    }

    /// <summary>A JSON request body, matchers allowed.</summary>
    public InteractionBuilder WithJsonBody(JsonNode body)
    {
        _driver.WithBody(_interaction, true, "application/json", body.ToJsonString());
        return this;
    }

    /// <summary>Matching rules for the request, in the pact file's format.</summary>
    public InteractionBuilder WithMatchingRules(string rules)
    {
        _driver.WithMatchingRules(_interaction, true, rules);
        return this;
    }

    /// <summary>The response status; what follows describes the response.</summary>
    public ResponseBuilder WillRespondWith(int status)
    {
        _driver.ResponseStatus(_interaction, status);
        return new ResponseBuilder(_driver, _interaction);
    }

    internal static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}

/// <summary>The response of an interaction.</summary>
public sealed class ResponseBuilder
{
    private readonly IPactDriver _driver;
    private readonly long _interaction;

    internal ResponseBuilder(IPactDriver driver, long interaction)
    {
        _driver = driver;
        _interaction = interaction;
    }

    /// <summary>A response header value, or a matcher.</summary>
    public ResponseBuilder WithHeader(string name, JsonNode value)
    {
        _driver.WithHeader(_interaction, false, name, 0, InteractionBuilder.Text(value));
        return this;
    }

    /// <summary>A JSON response body, matchers allowed.</summary>
    public ResponseBuilder WithJsonBody(JsonNode body)
    {
        _driver.WithBody(_interaction, false, "application/json", body.ToJsonString());
        return this;
    }

    /// <summary>Matching rules for the response, in the pact file's format.</summary>
    public ResponseBuilder WithMatchingRules(string rules)
    {
        _driver.WithMatchingRules(_interaction, false, rules);
        return this;
    }
}

/// <summary>A running engine mock server; disposing it stops it.</summary>
public sealed class MockServer : IDisposable
{
    private readonly IPactDriver _driver;

    internal MockServer(IPactDriver driver, int port, string host)
    {
        _driver = driver;
        Port = port;
        Url = $"http://{host}:{port}";
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The base URL for the client under test.</summary>
    public string Url { get; }

    /// <summary>Whether every expected request arrived and no unexpected one.</summary>
    public bool Matched => _driver.MockServerMatched(Port);

    /// <summary>The mismatches (missing, unexpected and mismatched requests) as JSON.</summary>
    public string Mismatches => _driver.MockServerMismatches(Port);

    /// <summary>Throws, listing the mismatches, unless every expectation was met.</summary>
    public void Verify()
    {
        if (!Matched) throw new PactVerificationException($"the mock server at {Url} was not called as the pact expects: {Mismatches}");
    }

    /// <summary>Verifies, then writes the pact (with what the client did) into <paramref name="directory"/>.</summary>
    public void WritePact(string directory)
    {
        Verify();
        Directory.CreateDirectory(directory);
        _driver.WriteMockServerPact(Port, directory);
    }

    /// <inheritdoc />
    public void Dispose() => _driver.StopMockServer(Port);
}

/// <summary>Thrown when a mock server was not called as its pact expects.</summary>
public sealed class PactVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PactVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PactVerificationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PactVerificationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
