using System.Text.Json.Nodes;

namespace ApiContracts.Pact.Builder;

/// <summary>The Pact specification a pact is written in.</summary>
public enum PactSpecification
{
    /// <summary>Version 3.</summary>
    V3 = 4,

    /// <summary>Version 4.</summary>
    V4 = 5,
}

/// <summary>
/// The engine operations the builder needs: the native engine implements it, and builder tests can
/// use a recording fake without the native library.
/// </summary>
public interface IPactDriver
{
    /// <summary>Starts a pact; returns its reference.</summary>
    int NewPact(string consumer, string provider, PactSpecification specification);

    /// <summary>Adds an interaction; returns its reference.</summary>
    long NewInteraction(int pact, string description);

    /// <summary>Adds a provider state, with parameters given as JSON values.</summary>
    void Given(long interaction, string state, IReadOnlyDictionary<string, JsonNode?> parameters);

    /// <summary>Sets the request method and path.</summary>
    void WithRequest(long interaction, string method, string path);

    /// <summary>Adds a query value (text or matcher JSON).</summary>
    void WithQuery(long interaction, string name, int index, string value);

    /// <summary>Adds a request or response header (text or matcher JSON).</summary>
    void WithHeader(long interaction, bool request, string name, int index, string value);

    /// <summary>Sets a body in the integration JSON format.</summary>
    void WithBody(long interaction, bool request, string contentType, string body);

    /// <summary>Adds matching rules in the pact file's own format (<c>{"body": {"$.a": {...}}, "header": {...}}</c>).</summary>
    void WithMatchingRules(long interaction, bool request, string rules);

    /// <summary>Sets the response status.</summary>
    void ResponseStatus(long interaction, int status);

    /// <summary>Starts a mock server for the pact on <paramref name="host"/>:<paramref name="port"/> (0: free); returns its port.</summary>
    int StartMockServer(int pact, string host, int port);

    /// <summary>Whether every expected request reached the mock server and nothing else did.</summary>
    bool MockServerMatched(int port);

    /// <summary>The mock server's mismatches as JSON.</summary>
    string MockServerMismatches(int port);

    /// <summary>Writes the mock server's pact into <paramref name="directory"/>.</summary>
    void WriteMockServerPact(int port, string directory);

    /// <summary>Stops a mock server.</summary>
    void StopMockServer(int port);

    /// <summary>Writes the pact into <paramref name="directory"/> (merging unless <paramref name="overwrite"/>).</summary>
    void WritePact(int pact, string directory, bool overwrite);

    /// <summary>Releases the pact.</summary>
    void FreePact(int pact);
}
