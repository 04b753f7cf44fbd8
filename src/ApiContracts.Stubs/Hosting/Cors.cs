using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>CORS on by default, so a page served from another origin can call the stub.</summary>
internal static class Cors
{
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    public static void AddHeaders(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin.Length > 0 ? origin : "*";
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "*";
        if (origin.Length > 0) headers.AccessControlAllowCredentials = "true";
    }

    public static void AnswerPreflight(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : "Content-Type, X-Auth-Token, Authorization, X-Stub-Scenario";
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
