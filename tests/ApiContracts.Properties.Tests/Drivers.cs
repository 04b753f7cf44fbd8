using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Properties.Tests;

/// <summary>One answer: status, parsed body and the exact bytes as text.</summary>
public sealed record Answer(int Status, JsonNode? Body, string Text);

/// <summary>Something that answers the APIs: the stub engine in-process, the stub server over HTTP, or a planted-bug paginator.</summary>
public interface IApiDriver
{
    /// <summary>GET <paramref name="pathAndQuery"/> with the API's credential and content type.</summary>
    Answer Get(ApiDefinition api, string pathAndQuery, string? scenario = null);

    /// <summary>Gives the property parent of <paramref name="api"/> a dataset of <paramref name="size"/> records.</summary>
    void SetSize(ApiDefinition api, long size);

    /// <summary>Reseeds the datasets.</summary>
    void Reseed(ulong seed);
}

/// <summary>The parent every property works under, and the URL of its list.</summary>
public static class PropertyParent
{
    public const string Id = "prop-parent-0001";

    public static Dictionary<string, string> Values(ApiDefinition api)
    {
        var values = new Dictionary<string, string>(api.Dataset.Parents[0], StringComparer.Ordinal) { [api.Dataset.Parent] = Id };
        return values;
    }

    public static string Path(ApiDefinition api) =>
        api.PathFor(Values(api));

    public static Dictionary<string, string> Headers(ApiDefinition api, string? scenario)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [api.Auth.Header] = api.Auth.Header == "Authorization" ? "acs prop:signature" : "prop-token",
            ["Content-Type"] = "application/json",
        };
        if (scenario is not null) headers[Scenarios.Header] = scenario;
        return headers;
    }
}

/// <summary>The stub engine called directly: the pagination model in-process.</summary>
public sealed class InProcessDriver : IApiDriver
{
    private readonly StubEngine _engine = new(Repo.Catalog, new StubSettings());

    public Answer Get(ApiDefinition api, string pathAndQuery, string? scenario = null)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var request = new StubRequest("GET", q < 0 ? pathAndQuery : pathAndQuery[..q], q < 0 ? string.Empty : pathAndQuery[(q + 1)..], PropertyParent.Headers(api, scenario), [], "http://stub.test");
        var answer = _engine.Handle(request);
        return Parse(answer.Status, answer.Text);
    }

    public void SetSize(ApiDefinition api, long size) => _engine.Parents.Set(PropertyParent.Values(api), size);

    public void Reseed(ulong seed) => _engine.Settings = _engine.Settings with { Seed = seed };

    internal static Answer Parse(int status, string text)
    {
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new Answer(status, body, text);
    }
}

/// <summary>The stub server over real HTTP on a free loopback port.</summary>
public sealed class HttpDriver : IApiDriver, IDisposable
{
    private readonly StubServer _server = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 50 });
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Answer Get(ApiDefinition api, string pathAndQuery, string? scenario = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url + pathAndQuery);
        foreach (var (name, value) in PropertyParent.Headers(api, scenario))
        {
            if (name != "Content-Type") request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = new ByteArrayContent([]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = _client.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream(), Encoding.UTF8);
        return InProcessDriver.Parse((int)response.StatusCode, reader.ReadToEnd());
    }

    public void SetSize(ApiDefinition api, long size) =>
        Post("/__stub/provider-states", new JsonObject
        {
            ["action"] = "setup",
            ["state"] = "a known parent with records",
            ["params"] = new JsonObject { [api.Dataset.Parent] = PropertyParent.Id, ["size"] = size },
        });

    public void Reseed(ulong seed) => Post("/__stub/reseed", new JsonObject { ["seed"] = seed });

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private void Post(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Url + path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminToken);
        using var response = _client.Send(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
    }
}

/// <summary>Formats query values the way a client would put them in a URL.</summary>
public static class Query
{
    public static string Of(params (string Name, QueryValue Value)[] parameters)
    {
        var parts = new List<string>();
        foreach (var (name, value) in parameters)
        {
            foreach (var raw in value.Raw()) parts.Add($"{name}={Uri.EscapeDataString(raw)}");
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A query as sent, escaped: <c>?a=1&amp;b=2</c>, or empty.</summary>
    public static string Text(IEnumerable<KeyValuePair<string, string>> query)
    {
        var parts = query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
