using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The one check in front of every admin endpoint. The admin credential is accepted as
/// <c>Authorization: Bearer &lt;token&gt;</c> and, on the provider-states URL only, as <c>?admin_token=</c>,
/// since Pact verifiers cannot add headers to their state-change calls. There is no ambient credential (no
/// cookie): a browser sends the token only when a script of the stub's own origin adds it (the console keeps it
/// in <c>sessionStorage</c>, which no other origin, not even another port of the same host, can read).
/// </summary>
internal sealed class AdminGate(string token, bool open)
{
    /// <summary>The query parameter the provider-states URL accepts the token in.</summary>
    public const string QueryName = "admin_token";

    /// <summary>The cookie earlier versions gave the console; stripped from API requests should a browser still send it.</summary>
    private const string OldCookieName = "apicontracts-admin";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>Whether admin calls need no credential (<c>--no-admin-auth</c>).</summary>
    public bool Open => open;

    /// <summary>Whether the request carries the admin credential in a form accepted for its route.</summary>
    public bool Allows(HttpContext context, string path)
    {
        if (open) return true;
        var request = context.Request;
        if (Bearer(request.Headers.Authorization.ToString()) is { } given && Matches(given)) return true;
        return path is "/__stub/provider-states" or "/__stub/provider-states/" && Matches(request.Query[QueryName].ToString());
    }

    /// <summary>
    /// Removes the admin credential from a request bound for the APIs, so neither WireMock's log, a proxy target
    /// nor a mapping's template ever sees it: any header whose value is the token (alone or as <c>Bearer</c>),
    /// and the console cookie of earlier versions.
    /// </summary>
    public void StripFrom(HttpRequest request)
    {
        if (open) return;
        List<string>? names = null;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                if (value is null || !(Matches(value.Trim()) || (Bearer(value) is { } b && Matches(b)))) continue;
                (names ??= []).Add(name);
                break;
            }
        }

        foreach (var name in names ?? []) request.Headers.Remove(name);

        // A Pact verifier given the provider-states URL's ?admin_token= on its base URL sends it to the APIs too.
        if (request.QueryString.Value is { Length: > 1 } query && query.Contains(QueryName, StringComparison.OrdinalIgnoreCase))
        {
            var kept = query[1..].Split('&').Where(part => !System.Net.WebUtility.UrlDecode(part.Split('=', 2)[0]).Equals(QueryName, StringComparison.OrdinalIgnoreCase)).ToArray();
            request.QueryString = kept.Length == 0 ? QueryString.Empty : new QueryString("?" + string.Join('&', kept));
        }

        var cookies = request.Headers.Cookie.ToString();
        if (cookies.Contains(OldCookieName, StringComparison.Ordinal))
        {
            var kept = cookies.Split(';').Where(c => !c.Trim().StartsWith(OldCookieName + "=", StringComparison.Ordinal)).ToArray();
            if (kept.Length == 0) request.Headers.Remove("Cookie");
            else request.Headers.Cookie = string.Join(';', kept);
        }
    }

    private static string? Bearer(string? value) =>
        value is not null && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : null;

    private bool Matches(string given)
    {
        if (given.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(given);
        return CryptographicOperations.FixedTimeEquals(bytes, _token);
    }
}
