using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>An admin body the stub refuses: too large (413) or not text (400). The message is ours, safe to show.</summary>
internal sealed class AdminBodyException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>Reads admin bodies with a size limit, so no admin call can make the server hold more than that.</summary>
internal static class AdminBody
{
    /// <summary>The body's bytes; a body over <paramref name="limit"/> bytes is refused with 413 before more is read.</summary>
    /// <exception cref="AdminBodyException">When the body is larger than <paramref name="limit"/>.</exception>
    public static async Task<byte[]> Read(HttpContext context, int limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(null, limit);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AdminBodyException TooLarge(long? length, int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is {(length is { } n ? $"{n} bytes" : "larger than that")}; admin bodies here are at most {limit} bytes");
}
