using System.Net;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The <c>Host</c> names the server answers to: <c>localhost</c>, the bound address, names given with
/// <c>--allow-host</c>, and any IP address literal. A page on another site that rebinds its own name to
/// 127.0.0.1 (DNS rebinding) still sends its own name, so it is refused before anything else runs; an IP
/// literal cannot be rebound, so it passes.
/// </summary>
internal sealed class HostCheck
{
    private readonly string[] _names;

    public HostCheck(string boundHost, IEnumerable<string> allowed)
    {
        _names = new[] { "localhost", "127.0.0.1", "::1", boundHost.Trim('[', ']') }
            .Concat(allowed.Select(a => a.Trim('[', ']')))
            .Where(n => n.Length > 0 && n is not ("0.0.0.0" or "::"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>The names accepted, for messages.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Whether the request's Host is one of ours; a request without one (HTTP/1.0) passes.</summary>
    public bool Allows(HttpRequest request)
    {
        var host = request.Host;
        if (!host.HasValue) return true;
        var name = host.Host.AsSpan().Trim("[]");
        foreach (var allowed in _names)
        {
            if (name.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
        }

        // An address literal names no DNS entry an attacker could rebind.
        return IPAddress.TryParse(name, out _);
    }
}
