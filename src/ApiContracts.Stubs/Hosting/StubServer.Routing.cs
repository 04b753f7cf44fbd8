using ApiContracts.Stubs.Engine;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

// Where a request goes: the checks every request passes first (Host, one reading of the path), then the admin
// gate, the console's files, the stub's own admin endpoints, or the APIs.
public sealed partial class StubServer
{
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

    /// <summary>
    /// Whether the route is an admin endpoint: all of <c>/__admin</c> (in any letter case, so no spelling reaches
    /// WireMock's admin routes as an API call), and <c>/__stub</c> but its read-only catalogue and the console's files.
    /// </summary>
    internal static bool IsAdmin(string method, string path) =>
        path.StartsWith("/__admin", StringComparison.OrdinalIgnoreCase)
        || ((path is "/__stub" || path.StartsWith("/__stub/", StringComparison.Ordinal)) && !WebAssets.Owns(path) && !StubAdmin.IsOpen(method, path));

    private async Task Route(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (HostHeader.Check(request, _authority) is { } badHost)
        {
            await Api(context, next, request.Path.Value ?? "/", refusal: badHost);
            return;
        }

        if (!_hosts.Allows(request))
        {
            await WriteAnswer(context, StubEngine.StubError(421, "STUB.HostNotAllowed", $"Host '{TextChecks.Scrub(request.Host.Host)}' is not served here (accepted: {string.Join(", ", _hosts.Names)} and IP addresses; add names with --allow-host)"));
            return;
        }

        // One reading of the path for every decision below, the same as WireMock.Net's; a request read two ways
        // is refused here, before the admin gate and CORS: a preflight for it gets no CORS headers, and the
        // request itself is answered as bad input (journaled, in the API's own format near an API's path).
        var (view, problem) = RequestView.Of(request);
        if (view is null)
        {
            if (Cors.IsPreflight(request)) await WriteAnswer(context, StubEngine.StubError(400, "STUB.BadPath", problem!));
            else await Api(context, next, request.Path.Value ?? "/", refusal: problem);
            return;
        }

        var path = view.Path;
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
                await WriteAnswer(context, StubEngine.StubError(401, "STUB.AdminUnauthorized", $"{request.Method} {path} is an admin endpoint: send the admin token as 'Authorization: Bearer <token>' (the server's banner says where it comes from: --admin-token-file, APICONTRACTS_ADMIN_TOKEN, --admin-token, or generated and printed)"));
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            if (path.StartsWith("/__admin", StringComparison.OrdinalIgnoreCase))
            {
                await WireMockAdmin(context, next, view);
                return;
            }

            if (HttpMethods.IsPost(request.Method) && path.TrimEnd('/') == "/__stub/reset") await RestoreWireMockSettings(context, next);
            await _admin.Handle(context);
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
                // The console's pages carry no secret (the token comes in the URL fragment, which browsers never
                // send, or is pasted); they may not be framed by another site, nor run scripts from elsewhere.
                context.Response.Headers.XFrameOptions = "DENY";
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
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

        _gate.StripFrom(request);
        await Api(context, next, path);
    }
}
