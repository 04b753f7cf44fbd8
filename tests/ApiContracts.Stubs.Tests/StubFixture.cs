using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests;

/// <summary>A stub server on a free loopback port, one per test class, always disposed.</summary>
public class StubFixture : IDisposable
{
    public StubFixture()
        : this(new StubSettings { SlowMilliseconds = 300 })
    {
    }

    protected StubFixture(StubSettings settings)
        : this(new StubServerOptions { Port = 0, Settings = settings })
    {
    }

    protected StubFixture(StubServerOptions options)
    {
        Server = StubServer.Start(Repo.Catalog, options);
        Client = new HttpClient { BaseAddress = new Uri(Server.Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public StubServer Server { get; }

    public HttpClient Client { get; }

    public const string Project = "0605767a3300d5762fb7c0186d9e1779";
    public const string Instance = "11eddb33-140b-4e51-b1e2-6ec265373ca3";
    public const string Snapshots = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots";
    public const string ActionUrl = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/action";
    public const string Histories = "/v3/0605767a3300d5762fb7c0186d9e1779/cas/configs/f5a52d93-1587-45cf-b8fe-5c7f204b98d1/histories";
    public const string Dsw = "/api/v2/instances/dsw-730xxxxxxxxxx/snapshots";
    public const string Evs = "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail";

    /// <summary>
    /// Sends a request with the API's credential and content type unless told otherwise; requests to the
    /// admin endpoints (<c>/__stub</c>, <c>/__admin</c>) carry the admin token unless <paramref name="admin"/> is false.
    /// </summary>
    public async Task<(int Status, JsonNode? Body, string Text, HttpResponseMessage Response)> Send(
        string method, string url, string? body = null, bool credential = true, IDictionary<string, string>? headers = null, bool admin = true)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (admin && (url.StartsWith("/__stub", StringComparison.Ordinal) || url.StartsWith("/__admin", StringComparison.Ordinal)))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Server.AdminToken);
        }

        if (credential)
        {
            if (url.StartsWith("/api/", StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation("Authorization", "acs test:signature");
            else request.Headers.TryAddWithoutValidation("X-Auth-Token", "token-1");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? string.Empty));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return ((int)response.StatusCode, json, text, response);
    }

    public Task<(int Status, JsonNode? Body, string Text, HttpResponseMessage Response)> Get(string url, bool credential = true, IDictionary<string, string>? headers = null, bool admin = true) =>
        Send("GET", url, null, credential, headers, admin);

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Asserts a body is the API's documented error for the status.</summary>
internal static class ErrorAssert
{
    public static void IsDocumented(string apiId, int status, (int Status, JsonNode? Body, string Text, HttpResponseMessage Response) answer)
    {
        Assert.Equal(status, answer.Status);
        Assert.NotNull(answer.Body);
        var errors = Repo.Catalog.Validate(apiId, $"response.{status}", answer.Body);
        Assert.True(errors.Count == 0, $"{answer.Text}\n{string.Join('\n', errors)}");
    }
}
