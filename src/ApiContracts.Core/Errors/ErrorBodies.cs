using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Errors;

/// <summary>Error bodies in each API's own documented format: the one builder the fixtures, the stub server and the pacts use.</summary>
public static class ErrorBodies
{
    /// <summary>The body <paramref name="api"/> answers <paramref name="status"/> with.</summary>
    /// <param name="api">The API.</param>
    /// <param name="status">An error status the definition lists.</param>
    /// <param name="message">What was wrong, naming the parameter and what is allowed.</param>
    /// <param name="requestId">For Alibaba-style errors: the request id to report.</param>
    /// <exception cref="ArgumentException">When the API does not answer <paramref name="status"/> with an error.</exception>
    public static JsonObject Build(ApiDefinition api, int status, string message, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = api.Response(status);
        if (response?.Error is not { } error)
        {
            var known = string.Join(", ", api.Responses.Where(r => r.IsError).Select(r => r.Status));
            throw new ArgumentException($"{api.Id} has no documented error for status {status} (error statuses: {known})", nameof(status));
        }

        return api.Errors.Style switch
        {
            "servicestage" => new JsonObject { ["error_code"] = error.Code, ["error_message"] = message },
            "alibaba" => new JsonObject
            {
                ["RequestId"] = requestId ?? "00000000-0000-0000-0000-000000000000",
                ["Success"] = false,
                ["Code"] = error.Code,
                ["Message"] = message,
                ["HttpStatusCode"] = status,
            },
            _ => new JsonObject { [error.Envelope ?? api.Errors.Envelopes[0]] = new JsonObject { ["message"] = message, ["code"] = error.Code } },
        };
    }
}
