using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>The console (<c>/__stub/console/</c>) and the demo front end (<c>/demo/</c>), served from resources embedded in the assembly.</summary>
internal static class WebAssets
{
    private static readonly Assembly Assembly = typeof(WebAssets).Assembly;
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>Whether <paramref name="path"/> belongs to the web assets.</summary>
    public static bool Owns(string path) =>
        path is "/demo" or "/__stub/console" || path.StartsWith("/demo/", StringComparison.Ordinal) || path.StartsWith("/__stub/console/", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> is one of the console's pages.</summary>
    public static bool IsConsole(string path) => path is "/__stub/console" || path.StartsWith("/__stub/console/", StringComparison.Ordinal);

    public static async Task Serve(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        if (path is "/demo" or "/__stub/console")
        {
            context.Response.Redirect(path + "/");
            return;
        }

        var (folder, rest) = path.StartsWith("/demo/", StringComparison.Ordinal) ? ("demo", path["/demo/".Length..]) : ("console", path["/__stub/console/".Length..]);
        if (rest.Length == 0) rest = "index.html";
        // Only plain file names: no folders, so no path can leave the embedded set.
        var name = rest.Contains('/', StringComparison.Ordinal) || rest.Contains("..", StringComparison.Ordinal) ? null : $"web/{folder}/{rest}";
        await using var stream = name is null ? null : Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"no such page: {path}");
            return;
        }

        context.Response.ContentType = Types.GetValueOrDefault(Path.GetExtension(rest), "application/octet-stream");
        context.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
