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
using System.Text.Json.Nodes;
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
    private readonly HostCheck _hosts;
    private readonly Cors _cors;
    private readonly AdminGate _gate;
    private readonly string? _packFiles;
    private readonly ulong _delayKey;
    private long _requests;
    private volatile bool _throughWireMock;

    private StubServer(ContractCatalog catalog, StubServerOptions options)
    {
        Options = options;
        Engine = new StubEngine(catalog, options.Settings);
        Journal = new Journal(options.JournalSize);
        _admin = new StubAdmin(this);
        _hosts = new HostCheck(options.Host, options.AllowedHosts);
        _cors = new Cors(options.CorsOrigins);
        _gate = new AdminGate(options.AdminToken, options.NoAdminAuth);
        _packFiles = options.Pack is null ? null : Path.GetFullPath(Path.Combine(options.Pack, "__files"));
        _delayKey = Seed.Hash("latency", options.Settings.Seed.ToString(CultureInfo.InvariantCulture));
        // With port 0 a free port is picked and then bound by WireMock; in between another process (or an
        // outgoing connection, which draws on the same ports) may take it, so a taken port is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
            Url = $"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{port}";
            try
            {
                _wireMock = WireMockServer.Start(WireMockSettings(options, Url));
                break;
            }
            catch (WireMock.Exceptions.WireMockException ex) when (options.Port == 0 && attempt < 5 && InUse(ex))
            {
            }
        }

        _wireMock.LogEntriesChanged += WireMockLogTrim.OnChanged;
        try
        {
            if (options.Pack is not null) PackCount = PackLoader.Load(_wireMock, options.Pack);
        }
        catch
        {
            // A pack that is refused leaves no listener behind.
            Dispose();
            throw;
        }

        RefreshRouting();
    }

    // Template helpers for mappings with UseTransformer: none that reads the environment or files, and none
    // that runs a regex (Handlebars.Net.Helpers' regexes have no time limit) or XSLT/XPath.
    private static readonly HandlebarsDotNet.Helpers.Enums.Category[] SafeTemplateHelpers =
    [
        HandlebarsDotNet.Helpers.Enums.Category.Constants, HandlebarsDotNet.Helpers.Enums.Category.Enumerable,
        HandlebarsDotNet.Helpers.Enums.Category.Math, HandlebarsDotNet.Helpers.Enums.Category.String,
        HandlebarsDotNet.Helpers.Enums.Category.Url, HandlebarsDotNet.Helpers.Enums.Category.DateTime,
        HandlebarsDotNet.Helpers.Enums.Category.Random, HandlebarsDotNet.Helpers.Enums.Category.JsonPath,
        HandlebarsDotNet.Helpers.Enums.Category.Humanizer, HandlebarsDotNet.Helpers.Enums.Category.Boolean,
        HandlebarsDotNet.Helpers.Enums.Category.Object,
    ];

    /// <summary>The admin token (<see cref="StubServerOptions.AdminToken"/>), for clients and tests.</summary>
    public string AdminToken => Options.AdminToken;

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
        _wireMock.LogEntriesChanged -= WireMockLogTrim.OnChanged;
        _wireMock.Stop();
        _wireMock.Dispose();
    }

    // The last line of defence: whatever goes wrong, the client gets a plain JSON error, never an
    // exception's type, message or stack trace.
    private async Task Handle(HttpContext context, Func<Task> next)
    {
        try
        {
            await Route(context, next);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
        {
            await Refuse(context, Framing(ex.StatusCode));
        }
        catch (AdminBodyException ex)
        {
            await Refuse(context, StubEngine.StubError(ex.Status, ex.Status == 413 ? "STUB.TooLarge" : "STUB.BadRequest", ex.Message));
        }
#pragma warning disable CA1031 // Deliberately everything: the answer names no internals.
        catch (Exception)
#pragma warning restore CA1031
        {
            await Refuse(context, StubEngine.StubError(500, "STUB.InternalError", "the stub failed to answer this request; the details are not shown (see SECURITY.md)"));
        }
    }

    private static StubResponse Framing(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => StubEngine.StubError(408, "STUB.Timeout", "the request body did not arrive in time"),
        StatusCodes.Status413PayloadTooLarge => StubEngine.StubError(413, "STUB.TooLarge", "the request is too large"),
        _ => StubEngine.StubError(400, "STUB.BadRequest", "the request could not be read: its framing is malformed (chunk sizes, Content-Length or headers)"),
    };

    private static async Task Refuse(HttpContext context, StubResponse answer)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        await WriteAnswer(context, answer);
    }

    private static async Task WriteAnswer(HttpContext context, StubResponse answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = StubResponse.JsonContentType;
        context.Response.ContentLength = answer.Body.Length;
        try
        {
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    /// <summary>Whether the route is an admin endpoint: all of <c>/__admin</c>, and <c>/__stub</c> but its read-only catalogue and the console's files.</summary>
    internal static bool IsAdmin(string method, string path) =>
        path.StartsWith("/__admin", StringComparison.Ordinal)
        || ((path is "/__stub" || path.StartsWith("/__stub/", StringComparison.Ordinal)) && !WebAssets.Owns(path) && !StubAdmin.IsOpen(method, path));

    private async Task Route(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!_hosts.Allows(request))
        {
            await WriteAnswer(context, StubEngine.StubError(421, "STUB.HostNotAllowed", $"Host '{TextChecks.Scrub(request.Host.Host)}' is not served here (accepted: {string.Join(", ", _hosts.Names)} and IP addresses; add names with --allow-host)"));
            return;
        }

        var admin = IsAdmin(request.Method, path);
        if (Cors.IsPreflight(request))
        {
            if (admin) await WriteAnswer(context, StubEngine.StubError(403, "STUB.CrossOrigin", "admin endpoints cannot be called from another origin"));
            else _cors.AnswerPreflight(context);
            return;
        }

        if (admin)
        {
            if (!_gate.Allows(context, path))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"apicontracts-admin\"";
                await WriteAnswer(context, StubEngine.StubError(401, "STUB.AdminUnauthorized", $"{request.Method} {path} is an admin endpoint: send the admin token as 'Authorization: Bearer <token>' (printed in the server's banner; see --admin-token)"));
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            if (path.StartsWith("/__admin", StringComparison.Ordinal)) await WireMockAdmin(context, next, path);
            else await _admin.Handle(context);
            return;
        }

        if (path == "/favicon.ico")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (WebAssets.Owns(path))
        {
            if (WebAssets.IsConsole(path))
            {
                // The console's pages hand it the admin cookie; no other site may frame them.
                _gate.GiveConsoleCookie(context);
                context.Response.Headers.XFrameOptions = "DENY";
                context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }

            await WebAssets.Serve(context);
            return;
        }

        _cors.AddHeaders(context);
        if (path is "/__stub" || path.StartsWith("/__stub/", StringComparison.Ordinal))
        {
            await _admin.Handle(context);
            return;
        }

        await Api(context, next, path);
    }

    private async Task WireMockAdmin(HttpContext context, Func<Task> next, string path)
    {
        var request = context.Request;
        var (route, why) = AdminGuard.Classify(request.Method, path, request.QueryString);
        switch (route)
        {
            case AdminRoute.Off:
                await WriteAnswer(context, StubEngine.StubError(HttpMethods.IsGet(request.Method) && why!.Contains("not one of", StringComparison.Ordinal) ? 404 : 403, "STUB.AdminRouteOff", $"{request.Method} {path} is turned off in this stub: {why}"));
                return;
            case AdminRoute.Reset:
                ResetWireMock();
                await WriteAnswer(context, new StubResponse(200, "{\"Status\":\"Mappings reset to the pack's, request logs cleared\"}"u8.ToArray(), null));
                return;
            case AdminRoute.Mappings or AdminRoute.Settings:
            {
                var body = AdminGuard.ParseBody(await AdminBody.Read(context, AdminGuard.MaxBodyBytes));
                JsonNode rewritten;
                var logCount = Journal.Capacity;
                if (route == AdminRoute.Mappings) rewritten = AdminGuard.RewriteMappings(body, _packFiles, Options.AllowedProxyHosts, list: path.TrimEnd('/') == "/__admin/mappings");
                else rewritten = AdminGuard.RewriteSettings(body, Journal.Capacity, out logCount);
                var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(rewritten);
                request.Body = new MemoryStream(bytes);
                request.ContentLength = bytes.Length;
                if (!request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? true) request.ContentType = "application/json";
                await next();
                if (route == AdminRoute.Settings && context.Response.StatusCode < 300) Journal.Capacity = logCount;
                RefreshRouting();
                return;
            }

            case AdminRoute.Requests when HttpMethods.IsGet(request.Method) && AdminRequestLog.Lists(path):
                await AdminRequestLog.ListWithDatasetRequests(context, next, Journal, Url, CatchAllGuid, CatchAllTitle);
                return;
            case AdminRoute.Requests when HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method) && !AdminRequestLog.Clears(request.Method, path):
                await AdminRequestLog.Redacted(context, next);
                return;
        }

        await next();
        if (HttpMethods.IsGet(request.Method)) return;
        RefreshRouting();
        if (AdminRequestLog.Clears(request.Method, path) && context.Response.StatusCode < 300) Journal.Clear();
    }

    // POST /__admin/reset, as WireMock (Java) has it: the mappings the server started with, empty logs.
    private void ResetWireMock()
    {
        lock (_wireMock)
        {
            _wireMock.ResetMappings();
            _wireMock.ResetScenarios();
            _wireMock.ResetLogEntries();
            if (Options.Pack is not null) PackLoader.Load(_wireMock, Options.Pack);
        }

        Journal.Clear();
        RefreshRouting();
    }

    private async Task Api(HttpContext context, Func<Task> next, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = Options.Clock.GetUtcNow();
        var request = context.Request;
        var settings = Engine.Settings;
        byte[] body = [];
        string? unreadable = null;
        if (request.ContentLength != 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0))
        {
            try
            {
                body = await ReadBody(request, settings.MaxBodyBytes + 1, context.RequestAborted);
            }
            catch (Exception ex) when (ex is Microsoft.AspNetCore.Http.BadHttpRequestException or OperationCanceledException or IOException)
            {
                // A client that closes its side early makes Kestrel abort the request, and the read then ends in a
                // cancellation rather than a framing error, depending on which Kestrel notices first: both are the
                // same bad input, answered (if anyone still listens) and journaled alike.
                unreadable = ex switch
                {
                    Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => "the request body did not arrive in time",
                    Microsoft.AspNetCore.Http.BadHttpRequestException => "the request body could not be read: its framing is malformed (chunk sizes or Content-Length)",
                    _ => "the request body could not be read: the connection ended before all of it arrived",
                };
            }
        }

        var stub = new StubRequest(request.Method.ToUpperInvariant(), path, (request.QueryString.Value ?? string.Empty).TrimStart('?'), new HeaderView(request.Headers), body, $"{request.Scheme}://{request.Host}");
        List<string>? notes = null;
        StubResponse? answer = null;
        var via = JournalEntry.ViaDataset;
        if (unreadable is not null)
        {
            notes = [unreadable];
            answer = Engine.BadRequest(stub, unreadable);
        }
        else
        {
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
                notes = [];
                TimedMatchers.Notes.Value = notes;
                byte[] captured;
                try
                {
                    captured = await ResponseCapture.Run(context, next);
                }
                finally
                {
                    AnsweredByEngine.Value = null;
                    TimedMatchers.Notes.Value = null;
                }

                // The response is still held back, so the slow delay comes before any of it is sent.
                if (answered.Value && slow > 0) await Task.Delay(slow, context.RequestAborted);
                notes.AddRange(answered.Warnings);
                Record(context.Response.StatusCode, captured, null);
                await context.Response.Body.WriteAsync(captured, context.RequestAborted);
            }
            else
            {
                answer = Engine.Handle(stub);
            }
        }

        if (answer is not null)
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = StubResponse.JsonContentType;
            if (answer.Warnings.Count > 0)
            {
                context.Response.Headers[StubResponse.WarningHeader] = answer.Warnings.ToArray();
                notes = [.. notes ?? [], .. answer.Warnings];
            }

            context.Response.ContentLength = answer.Body.Length;
            Record(answer.Status, answer.Body, answer.ApiId);
            try
            {
                await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // Journaled all the same: the journal shows what was answered.
            }
        }

        // Journaled before the answer is sent, so a client that reads the journal right after its answer finds its request there.
        void Record(int status, byte[] responseBytes, string? answeredBy)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var apiId = answeredBy ?? Engine.Routes.Match(path).Select(m => m.Api.Id).FirstOrDefault();
            var headers = new KeyValuePair<string, string>[request.Headers.Count];
            var h = 0;
            foreach (var (name, value) in request.Headers) headers[h++] = KeyValuePair.Create(name, JournalEntry.IsCredential(name) ? JournalEntry.Redacted : value.ToString());
            var clientIp = context.Connection.RemoteIpAddress;
            var requestBody = JournalBody.Of(body);
            var responseBody = JournalBody.Of(responseBytes);
            IReadOnlyList<string> kept = notes is { Count: > 0 } ? notes : [];
            Journal.Add(id => new JournalEntry(id, receivedAt, clientIp, stub.Method, path + request.QueryString.Value, status, elapsed, apiId, via, headers, requestBody, responseBody) { Notes = kept });
        }
    }

    // The WireMock route: a lowest-priority mapping, so a pack's or an override's mapping is tried first.
    private ResponseMessage Callback(IRequestMessage message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in message.Headers ?? new Dictionary<string, WireMockList<string>>()) headers[name] = string.Join(", ", values);
        var baseUrl = new Uri(message.AbsoluteUrl).GetLeftPart(UriPartial.Authority);
        var stub = new StubRequest(message.Method.ToUpperInvariant(), message.AbsolutePath, (message.RawQuery ?? string.Empty).TrimStart('?'), headers, message.BodyAsBytes ?? [], baseUrl);
        var answer = Engine.Handle(stub);
        if (AnsweredByEngine.Value is { } answered)
        {
            answered.Value = true;
            answered.Warnings = answer.Warnings;
        }

        var responseHeaders = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(StubResponse.JsonContentType) };
        if (answer.Warnings.Count > 0) responseHeaders[StubResponse.WarningHeader] = new(answer.Warnings);
        return new ResponseMessage
        {
            StatusCode = answer.Status,
            Headers = responseHeaders,
            BodyData = new BodyData { BodyAsBytes = answer.Body, DetectedBodyType = BodyType.Bytes },
        };
    }

    private sealed class EngineAnswered
    {
        public bool Value { get; set; }

        public IReadOnlyList<string> Warnings { get; set; } = [];
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

    private WireMockServerSettings WireMockSettings(StubServerOptions options, string url) => new()
    {
        Urls = [url],
        StartAdminInterface = true,
        MaxRequestLogCount = options.JournalSize,
        ReadStaticMappings = false,
        SaveUnmatchedRequests = false,
        AllowBodyForAllHttpMethods = true,
        DisableRequestBodyDecompressing = true,
        CustomMatcherMappings = TimedMatchers.Mappings(),
        HandlebarsSettings = new HandlebarsSettings { AllowedHandlebarsHelpers = SafeTemplateHelpers },
        PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(Handle),
    };

    // Whether binding failed because the port was taken (Kestrel wraps the socket error a few levels deep).
    private static bool InUse(Exception? ex) => ex switch
    {
        null => false,
        System.Net.Sockets.SocketException socket => socket.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse,
        AggregateException all => all.InnerExceptions.Any(InUse),
        _ => InUse(ex.InnerException),
    };

    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
