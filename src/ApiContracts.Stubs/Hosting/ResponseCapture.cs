using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>Runs the rest of the pipeline (WireMock) with its response body caught, for the journal or a rewrite.</summary>
internal static class ResponseCapture
{
    /// <summary>Runs <paramref name="next"/> and returns what it wrote; nothing reaches the client yet.</summary>
    public static async Task<byte[]> Run(HttpContext context, Func<Task> next)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        return captured.ToArray();
    }
}
