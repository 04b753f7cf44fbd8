using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Errors;
using ApiContracts.Core.Routing;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiContracts.Conformance.Tests;

/// <summary>The bugs a provider can have, one planted at a time by <see cref="BrokenProvider"/>.</summary>
public enum ProviderBug
{
    /// <summary>No bug: the control, which must pass every check.</summary>
    None,

    /// <summary>The total is the number of items on the page.</summary>
    TotalIsThePageLength,

    /// <summary>An offset past the start skips one item too many.</summary>
    OffByOneOffset,

    /// <summary>PageNumber counts from 0: page 1 answers the second page.</summary>
    ZeroBasedPageNumber,

    /// <summary>A limit the clamp rule replaces is used as given.</summary>
    ClampIgnored,

    /// <summary>The last page of a limited listing carries a next link.</summary>
    NextLinkOnTheLastPage,

    /// <summary>No next link, even where more items follow.</summary>
    MissingNextLink,

    /// <summary>The direction parameter is ignored: always the default order.</summary>
    AscIgnored,

    /// <summary>A 400 answered in another API's error format.</summary>
    ForeignErrorFormat,

    /// <summary>A page after the first starts with the previous page's last item.</summary>
    DuplicateAcrossPageBoundary,

    /// <summary>No bug, but <c>GET /__stub/parents</c> is not answered: the provider does not look like the stub.</summary>
    NotTheStub,
}

/// <summary>
/// A provider with one bug: a small proxy on a free loopback port that forwards every request to a stub server
/// and changes the request or the answer as the bug would. Disposing stops both.
/// </summary>
public sealed class BrokenProvider : IAsyncDisposable
{
    private readonly StubServer _stub;
    private readonly WebApplication _app;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ProviderBug _bug;
    private readonly RouteTable _routes = new(Repo.Catalog.Apis);

    private BrokenProvider(StubServer stub, WebApplication app, ProviderBug bug)
    {
        _stub = stub;
        _app = app;
        _bug = bug;
    }

    /// <summary>The proxy's base URL.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<BrokenProvider> Start(ProviderBug bug, long size = 25, ulong seed = 1)
    {
        var stub = StubServer.Start(Repo.Catalog, new StubServerOptions { Port = 0, JournalSize = 10, Settings = new() { Size = size, Seed = seed } });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new BrokenProvider(stub, app, bug);
        app.Run(provider.Forward);
        await app.StartAsync();
        provider.Url = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
        _stub.Dispose();
    }

    private async Task Forward(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_bug == ProviderBug.NotTheStub && path.StartsWith("/__stub", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var api = _routes.Match(path).Select(m => m.Api).FirstOrDefault(a => string.Equals(a.Operation.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase));
        var query = ApiContracts.Core.Routing.QueryString.Parse(context.Request.QueryString.Value).ToList();
        var asked = query.ToList();
        if (api?.Pagination is { } paging) query = Request(paging, query);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), _stub.Url + path + Text(query));
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name is "Host" or "Content-Type" or "Content-Length" or "Transfer-Encoding") continue;
            request.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (api is not null && text.Length > 0 && JsonNode.Parse(text) is JsonObject json)
        {
            (status, var changed) = Answer(api, asked, status, json, context.Request.Scheme + "://" + context.Request.Host + path);
            text = changed.ToJsonString();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text, Encoding.UTF8);
    }

    // The request the buggy provider effectively serves.
    private List<KeyValuePair<string, string>> Request(Paging paging, List<KeyValuePair<string, string>> query)
    {
        var offset = paging.Parameters.FirstOrDefault(p => p.Role == "offset").Parameter?.Parameter;
        var page = paging.Parameters.FirstOrDefault(p => p.Role == "page").Parameter?.Parameter;
        return _bug switch
        {
            ProviderBug.OffByOneOffset => Shift(query, offset, n => n > 0 ? n + 1 : n),
            ProviderBug.DuplicateAcrossPageBoundary => Shift(query, offset, n => n > 0 ? n - 1 : n),
            ProviderBug.ZeroBasedPageNumber => Shift(query, page, n => n + 1),
            ProviderBug.AscIgnored => query.Where(kv => kv.Key != paging.Sort?.DirectionParameter).ToList(),
            ProviderBug.ClampIgnored when paging.Limit is { Clamps: true } rule => Shift(query, rule.Parameter, n => rule.Effective(n) == n ? n : rule.Largest!.Value),
            _ => query,
        };
    }

    // The answer the buggy provider gives.
    private (int Status, JsonObject Body) Answer(ApiDefinition api, List<KeyValuePair<string, string>> asked, int status, JsonObject body, string self)
    {
        var paging = api.Pagination;
        if (_bug == ProviderBug.ForeignErrorFormat && status == 400)
        {
            var other = Repo.Catalog.Apis.First(a => a.Errors.Style != api.Errors.Style);
            return (400, ErrorBodies.Build(other, 400, "bad request"));
        }

        if (paging is null || status != api.Operation.SuccessStatus || paging.ItemsIn(body) is not { } items) return (status, body);
        switch (_bug)
        {
            case ProviderBug.TotalIsThePageLength:
                body[paging.Total.TrimStart('/')] = items.Count;
                break;
            case ProviderBug.ClampIgnored when paging.Limit is { Clamps: true } rule && Number(asked, rule.Parameter) is { } limit && rule.Effective(limit) != limit:
                while (items.Count > Math.Max(0, limit)) items.RemoveAt(items.Count - 1);
                break;
            case ProviderBug.MissingNextLink when paging.Links is { } links:
                body.Remove(links.Field);
                break;
            case ProviderBug.NextLinkOnTheLastPage when paging is MarkerPaging { Links: { } links } m && asked.Any(kv => kv.Key == m.Limit.Parameter) && body[links.Field] is null && items.Count > 0:
                var query = m.NextLinkQuery(asked, Number(asked, m.Limit.Parameter) ?? 1, paging.KeyOf(items[^1])!)!;
                body[links.Field] = new JsonArray(new JsonObject { ["href"] = self + Text(query), ["rel"] = links.Rel });
                break;
        }

        return (status, body);
    }

    private static long? Number(List<KeyValuePair<string, string>> query, string name) =>
        query.Where(kv => kv.Key == name).Select(kv => long.TryParse(kv.Value, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).FirstOrDefault();

    private static List<KeyValuePair<string, string>> Shift(List<KeyValuePair<string, string>> query, string? name, Func<long, long> change) =>
        query.Select(kv => kv.Key == name && long.TryParse(kv.Value, CultureInfo.InvariantCulture, out var n) ? new KeyValuePair<string, string>(kv.Key, change(n).ToString(CultureInfo.InvariantCulture)) : kv).ToList();

    private static string Text(IEnumerable<KeyValuePair<string, string>> query)
    {
        var parts = query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
