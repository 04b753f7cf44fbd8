using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ApiContracts.Core;
using ApiContracts.Fixtures.Seeding;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Packs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The stub server: WireMock.Net hosts it, keeps <c>/__admin</c>, stub packs and mapping overrides;
/// the dataset routes are answered by <see cref="StubEngine"/>, on a fast path in front of WireMock's
/// matcher while no pack or override is installed (WireMock.Net's matching costs about 5x a bare
/// endpoint), and through a lowest-priority WireMock callback mapping once one is, so overrides win.
/// </summary>
public sealed class StubServer : IDisposable
{
    private const int CatchAllPriority = 1_000_000;
    private const string CatchAllTitle = "apicontracts: dynamic datasets";
    private static readonly Guid CatchAllGuid = new("a9c0c7e2-5d1b-4f3e-9b6a-0d2c4e6f8a10");

    // Set by Handle before it hands a request to WireMock; Callback marks it when our engine answers.
    private static readonly AsyncLocal<EngineAnswered?> AnsweredByEngine = new();
    private readonly WireMockServer _wireMock;
    private readonly StubAdmin _admin;
    private readonly ulong _delayKey;
    private long _requests;
    private volatile bool _throughWireMock;

    private StubServer(ContractCatalog catalog, StubServerOptions options)
    {
        Options = options;
        Engine = new StubEngine(catalog, options.Settings);
        Journal = new Journal(options.JournalSize);
        _admin = new StubAdmin(this);
        _delayKey = Seed.Hash("latency", options.Settings.Seed.ToString(CultureInfo.InvariantCulture));
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
        Url = $"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{port}";
        _wireMock = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [Url],
            StartAdminInterface = true,
            MaxRequestLogCount = options.JournalSize,
            ReadStaticMappings = false,
            AllowBodyForAllHttpMethods = true,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(Handle),
        });
        if (options.Pack is not null) PackCount = PackLoader.Load(_wireMock, options.Pack);
        RefreshRouting();
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string Url { get; }

    /// <summary>The options the server started with.</summary>
    public StubServerOptions Options { get; }

    /// <summary>The engine answering the dataset routes.</summary>
    public StubEngine Engine { get; }

    /// <summary>The request journal.</summary>
    public Journal Journal { get; }

    /// <summary>The WireMock.Net server underneath.</summary>
    public WireMockServer WireMock => _wireMock;

    /// <summary>Mappings loaded from the pack.</summary>
    public int PackCount { get; }

    /// <summary>Starts a server; the options are checked first and every problem reported at once.</summary>
    /// <exception cref="ArgumentException">When the options are invalid.</exception>
    public static StubServer Start(ContractCatalog catalog, StubServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        return new StubServer(catalog, options);
    }

    /// <summary>
    /// Re-reads whether WireMock holds mappings besides ours (a pack or /__admin overrides), and puts our
    /// dataset mapping back if an /__admin call removed it (<c>DELETE /__admin/mappings</c>, a reset).
    /// </summary>
    public void RefreshRouting()
    {
        lock (_wireMock)
        {
            if (!_wireMock.Mappings.Any(m => m.Guid == CatchAllGuid))
            {
                _wireMock.Given(Request.Create().UsingAnyMethod().WithPath(static _ => true))
                    .WithGuid(CatchAllGuid)
                    .AtPriority(CatchAllPriority)
                    .WithTitle(CatchAllTitle)
                    .RespondWith(Response.Create().WithCallback(Callback));
            }

            _throughWireMock = _wireMock.Mappings.Count(m => !m.IsAdminInterface) > 1;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _wireMock.Stop();
        _wireMock.Dispose();
    }

    private async Task Handle(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = Options.Clock.GetUtcNow();
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        Cors.AddHeaders(context);
        if (Cors.IsPreflight(request))
        {
            Cors.AnswerPreflight(context);
            return;
        }

        if (path.StartsWith("/__admin", StringComparison.Ordinal))
        {
            if (HttpMethods.IsGet(request.Method) && AdminRequestLog.Lists(path))
            {
                await AdminRequestLog.ListWithDatasetRequests(context, next, Journal, Url, CatchAllGuid, CatchAllTitle);
                return;
            }

            await next();
            if (HttpMethods.IsGet(request.Method)) return;
            RefreshRouting();
            if (AdminRequestLog.Clears(request.Method, path) && context.Response.StatusCode < 300) Journal.Clear();
            return;
        }

        if (path == "/favicon.ico")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (WebAssets.Owns(path))
        {
            await WebAssets.Serve(context);
            return;
        }

        if (path is "/__stub" || path.StartsWith("/__stub/", StringComparison.Ordinal))
        {
            await _admin.Handle(context);
            return;
        }

        var settings = Engine.Settings;
        var body = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())
            ? []
            : await ReadBody(request, settings.MaxBodyBytes + 1, context.RequestAborted);
        var stub = new StubRequest(request.Method.ToUpperInvariant(), path, (request.QueryString.Value ?? string.Empty).TrimStart('?'), new HeaderView(request.Headers), body, $"{request.Scheme}://{request.Host}");
        var (scenario, _) = Engine.ScenarioOf(stub);
        var key = Seed.Combine(_delayKey, (ulong)Interlocked.Increment(ref _requests));
        var random = new FieldRandom(key);
        var latency = (int)random.Between(settings.Latency.Min, settings.Latency.Max);
        var fault = settings.FaultRate > 0 && random.Chance(settings.FaultRate);
        var throughWireMock = !fault && _throughWireMock;

        // On the WireMock route the slow delay waits until we know who answered: a pack's or an
        // override's mapping brings its own delay, so only our engine's answers get the scenario's.
        var slow = scenario == "slow" ? settings.SlowMilliseconds : 0;
        var delay = latency + (throughWireMock ? 0 : slow);
        if (delay > 0) await Task.Delay(delay, context.RequestAborted);

        StubResponse? answer = null;
        byte[] responseBytes = [];
        var via = JournalEntry.ViaDataset;
        if (fault)
        {
            answer = Engine.Fault(stub);
        }
        else if (throughWireMock)
        {
            via = JournalEntry.ViaWireMock;
            request.Body = new MemoryStream(body);
            var answered = new EngineAnswered();
            AnsweredByEngine.Value = answered;
            responseBytes = await ResponseCapture.Run(context, next);
            AnsweredByEngine.Value = null;

            // The response is still held back, so the slow delay comes before any of it is sent.
            if (answered.Value && slow > 0) await Task.Delay(slow, context.RequestAborted);
            await context.Response.Body.WriteAsync(responseBytes, context.RequestAborted);
        }
        else
        {
            answer = Engine.Handle(stub);
        }

        if (answer is not null)
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = StubResponse.JsonContentType;
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            responseBytes = answer.Body;
        }

        var status = context.Response.StatusCode;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var apiId = answer?.ApiId ?? Engine.Routes.Match(path).Select(m => m.Api.Id).FirstOrDefault();
        var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).ToArray();
        var clientIp = context.Connection.RemoteIpAddress;
        Journal.Add(id => new JournalEntry(id, receivedAt, clientIp, stub.Method, path + request.QueryString.Value, status, elapsed, apiId, via, headers, body, responseBytes));
    }

    // The WireMock route: a lowest-priority mapping, so a pack's or an override's mapping is tried first.
    private ResponseMessage Callback(IRequestMessage message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMockList<string>>()) headers[name] = string.Join(", ", values);
        var baseUrl = new Uri(message.AbsoluteUrl).GetLeftPart(UriPartial.Authority);
        var stub = new StubRequest(message.Method.ToUpperInvariant(), message.AbsolutePath, (message.RawQuery ?? string.Empty).TrimStart('?'), headers, message.BodyAsBytes ?? [], baseUrl);
        var answer = Engine.Handle(stub);
        if (AnsweredByEngine.Value is { } answered) answered.Value = true;
        return new ResponseMessage
        {
            StatusCode = answer.Status,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(StubResponse.JsonContentType) },
            BodyData = new BodyData { BodyAsBytes = answer.Body, DetectedBodyType = BodyType.Bytes },
        };
    }

    private sealed class EngineAnswered
    {
        public bool Value { get; set; }
    }

    private static async Task<byte[]> ReadBody(HttpRequest request, int limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancel)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
