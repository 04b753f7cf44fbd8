using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The one check in front of every admin endpoint. The admin credential is accepted as
/// <c>Authorization: Bearer &lt;token&gt;</c>; from the console as its cookie, only on same-origin requests
/// (the browser's <c>Sec-Fetch-Site</c> and <c>Origin</c> say so); and on the provider-states URL as
/// <c>?admin_token=</c>, since Pact verifiers cannot add headers to their state-change calls.
/// </summary>
internal sealed class AdminGate(string token, bool open)
{
    /// <summary>The console's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it).</summary>
    public const string CookieName = "apicontracts-admin";

    /// <summary>The query parameter the provider-states URL accepts the token in.</summary>
    public const string QueryName = "admin_token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>Whether admin calls need no credential (<c>--no-admin-auth</c>).</summary>
    public bool Open => open;

    /// <summary>Whether the request carries the admin credential in a form accepted for its route.</summary>
    public bool Allows(HttpContext context, string path)
    {
        if (open) return true;
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(authorization["Bearer ".Length..].Trim())) return true;
        if (path is "/__stub/provider-states" or "/__stub/provider-states/" && Matches(request.Query[QueryName].ToString())) return true;
        return request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie) && SameOrigin(request);
    }

    /// <summary>Hands the console its credential with the page (only pages served to an accepted Host get here).</summary>
    public void GiveConsoleCookie(HttpContext context)
    {
        if (open) return;
        context.Response.Cookies.Append(CookieName, Encoding.UTF8.GetString(_token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Path = "/",
            Secure = context.Request.IsHttps,
        });
    }

    // A cookie alone does not prove the call came from our own page: a page on another port of the same host
    // is the same "site" and its requests carry our cookie. The browser's fetch metadata tells them apart.
    private static bool SameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = request.Headers[HeaderNames.Origin].ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private bool Matches(string given)
    {
        if (given.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(given);
        return CryptographicOperations.FixedTimeEquals(bytes, _token);
    }
}
