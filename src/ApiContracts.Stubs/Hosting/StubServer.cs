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
public sealed partial class StubServer : IDisposable
{
    private const int CatchAllPriority = 1_000_000;
    private const string CatchAllTitle = "apicontracts: dynamic datasets";
    private static readonly Guid CatchAllGuid = new("a9c0c7e2-5d1b-4f3e-9b6a-0d2c4e6f8a10");

    // Set by Handle before it hands a request to WireMock; Callback marks it when our engine answers.
    private static readonly AsyncLocal<EngineAnswered?> AnsweredByEngine = new();
    private readonly WireMockServer _wireMock;
    private readonly Task<StubEngine> _engine;
    private readonly StubAdmin _admin;
    private readonly HostCheck _hosts;
    private readonly Cors _cors;
    private readonly AdminGate _gate;
    private readonly MappingRules _mappingRules;
    private readonly string _authority;
    private readonly ulong _delayKey;
    private long _requests;
    private volatile bool _throughWireMock;

    private StubServer(Func<ContractCatalog> catalog, StubServerOptions options)
    {
        Options = options;
        // Start-up in two lanes: the definitions, the engine and a warm-up request per API on a worker thread,
        // while WireMock.Net (ASP.NET Core) starts here. Requests that arrive before the engine is ready wait
        // for it (see Handle). This saves most of the engine's share of the time to the first answer.
        _engine = Task.Run(() => WarmedUp(new StubEngine(catalog(), options.Settings)));
        Journal = new Journal(options.JournalSize);
        _admin = new StubAdmin(this);
        _hosts = new HostCheck(options.Host, options.AllowedHosts);
        _cors = new Cors(options.CorsOrigins);
        _gate = new AdminGate(options.AdminToken, options.NoAdminAuth);
        _mappingRules = new MappingRules(options.Pack is null ? null : Path.GetFullPath(Path.Combine(options.Pack, "__files")), options.AllowedProxyHosts);
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
            catch (WireMock.Exceptions.WireMockException ex) when (InUse(ex))
            {
                throw new PortInUseException(port, ex);
            }
        }

        try
        {
            _engine.GetAwaiter().GetResult();
        }
        catch
        {
            // Bad definitions: the error is the caller's to report, and no server is left listening.
            _wireMock.Stop();
            _wireMock.Dispose();
            throw;
        }

        _authority = new Uri(Url).Authority;
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

    // One request per API through the engine, before any client's: the first real request then finds the
    // code compiled, the schemas built and the generators' data loaded. Answers are deterministic, so the
    // answer cache holds nothing a client's identical request would not have put there.
    private static StubEngine WarmedUp(StubEngine engine)
    {
        JournalEntry.AlsoCredentials(engine.Catalog.Apis.Select(a => a.Auth.Header));
        foreach (var api in engine.Catalog.Apis.Where(a => a.Operation.Method == "GET"))
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [api.Auth.Header] = "warm-up" };
            engine.Handle(new StubRequest("GET", api.PathFor(api.Dataset.Parents[0]), string.Empty, headers, [], "http://127.0.0.1"));
        }

        return engine;
    }

    // Template helpers for mappings with UseTransformer: none. Every category ran something unbounded (regexes
    // without a time limit, strings grown to gigabytes, random text from a regex) or read files or the
    // environment; packs need none (PackLoader renders {{request.baseUrl}} itself), and TemplateCheck refuses a
    // posted template that calls one.
    private static readonly HandlebarsDotNet.Helpers.Enums.Category[] SafeTemplateHelpers = [];

    /// <summary>The admin token (<see cref="StubServerOptions.AdminToken"/>), for clients and tests.</summary>
    public string AdminToken => Options.AdminToken;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string Url { get; }

    /// <summary>The options the server started with.</summary>
    public StubServerOptions Options { get; }

    /// <summary>The engine answering the dataset routes.</summary>
    public StubEngine Engine => _engine.Result;

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
        return Start(() => catalog, options);
    }

    /// <summary>
    /// Starts a server whose definitions <paramref name="loadCatalog"/> reads while the HTTP host starts (a
    /// faster start than loading them first); the options are checked first and every problem reported at once.
    /// </summary>
    /// <exception cref="ArgumentException">When the options are invalid.</exception>
    /// <exception cref="Core.Definitions.DefinitionException">When <paramref name="loadCatalog"/> finds a malformed definition.</exception>
    public static StubServer Start(Func<ContractCatalog> loadCatalog, StubServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(loadCatalog);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        return new StubServer(loadCatalog, options);
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
            if (!_engine.IsCompleted) await _engine;
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

    // A refusal (a bad Host, a path read two ways) is answered as bad input, in the API's format, and journaled.
    private async Task Api(HttpContext context, Func<Task> next, string path, string? refusal = null)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = Options.Clock.GetUtcNow();
        var request = context.Request;
        var settings = Engine.Settings;
        byte[] body = [];
        var unreadable = refusal;
        if (refusal is null && request.ContentLength != 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0))
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

                // Kestrel refuses any write, even an empty one, to a 204 or 304 answer.
                if (captured.Length > 0) await context.Response.Body.WriteAsync(captured, context.RequestAborted);
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

/// <summary>The port a server was to listen on is taken by another process.</summary>
public sealed class PortInUseException : IOException
{
    /// <summary>Creates the exception for <paramref name="port"/>.</summary>
    public PortInUseException(int port, Exception? inner = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"port {port} is in use; choose another with --port"), inner)
    {
        Port = port;
    }

    /// <summary>Creates the exception without a port.</summary>
    public PortInUseException()
        : base("the port is in use; choose another with --port")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PortInUseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The port that was taken.</summary>
    public int Port { get; }
}
