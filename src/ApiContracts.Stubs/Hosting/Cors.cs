using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// CORS for the API routes and the read-only catalogue: any origin by default (<c>*</c>, never with
/// credentials, so a page elsewhere can call the APIs but never with the user's cookies), or only the
/// origins named with <c>--cors-origin</c> (those may send credentials). Admin routes get no CORS headers,
/// so no page on another origin can read them, and their preflights are refused.
/// </summary>
internal sealed class Cors(IReadOnlyList<string> origins)
{
    private readonly HashSet<string> _origins = new(origins, StringComparer.OrdinalIgnoreCase);

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>Adds the headers of an API or catalogue answer.</summary>
    public void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (_origins.Count == 0)
        {
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = "*";
            return;
        }

        headers.Vary = "Origin";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !_origins.Contains(origin)) return;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";

        // With credentials "*" is a header name, not a wildcard: name what a page may read.
        headers.AccessControlExposeHeaders = ApiContracts.Stubs.Engine.StubResponse.WarningHeader;
    }

    public void AnswerPreflight(HttpContext context)
    {
        AddHeaders(context);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Content-Type, X-Auth-Token, Authorization, X-Stub-Scenario";
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
