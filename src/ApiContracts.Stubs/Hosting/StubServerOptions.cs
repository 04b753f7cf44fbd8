using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ApiContracts.Stubs.Engine;

namespace ApiContracts.Stubs.Hosting;

/// <summary>How a stub server starts; bind the CLI's options to it.</summary>
public sealed record StubServerOptions
{
    /// <summary>The most journal entries a server keeps, whatever <see cref="JournalSize"/> or WireMock's <c>MaxRequestLogCount</c> asks.</summary>
    public const int MaxJournalSize = 10_000;

    /// <summary>The address to listen on; loopback by default.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The runtime settings the server starts with.</summary>
    public StubSettings Settings { get; init; } = new();

    /// <summary>A WireMock stub pack folder (<c>mappings/</c>, <c>__files/</c>) to load, or null.</summary>
    public string? Pack { get; init; }

    /// <summary>The clock that stamps journal entries; the system clock unless a test pins one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Requests kept in the journal (at most <see cref="MaxJournalSize"/>).</summary>
    public int JournalSize { get; init; } = 1000;

    /// <summary>
    /// The admin credential, sent as <c>Authorization: Bearer &lt;token&gt;</c> to <c>/__admin/*</c> and the
    /// <c>/__stub/*</c> endpoints that change state or show requests. A fresh random token by default.
    /// </summary>
    public string AdminToken { get; init; } = NewAdminToken();

    /// <summary>Whether the admin endpoints take no credential (trusted CI only: anyone who reaches the port can reconfigure the stub).</summary>
    public bool NoAdminAuth { get; init; }

    /// <summary>Host names accepted in the <c>Host</c> header besides <c>localhost</c> and the bound address.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Origins allowed to call the API routes from a browser; empty allows any origin, without credentials.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Hosts a mapping posted to <c>/__admin/mappings</c> may proxy to; empty forbids proxy mappings.</summary>
    public IReadOnlyList<string> AllowedProxyHosts { get; init; } = [];

    /// <summary>Whether <see cref="Host"/> is a loopback address (or <c>localhost</c>).</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>A new random admin token: 32 bytes from the system's cryptographic generator, as hex.</summary>
    public static string NewAdminToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Every problem with the options, one line each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Settings.Problems().ToList();
        if (Port is < 0 or > 65535) problems.Add($"port {Port}: must be 0..65535");
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("host: must not be empty");
        else if (HostProblem(Host) is { } host) problems.Add(host);
        if (JournalSize is < 1 or > MaxJournalSize) problems.Add($"journal size {JournalSize}: must be 1..{MaxJournalSize}");
        if (Pack is not null && !Directory.Exists(Path.Combine(Pack, "mappings"))) problems.Add($"pack {Pack}: no mappings folder there");
        if (!NoAdminAuth && (string.IsNullOrWhiteSpace(AdminToken) || AdminToken.Length < 8 || AdminToken.Any(char.IsWhiteSpace)))
        {
            problems.Add("admin token: must be at least 8 characters, without spaces");
        }

        foreach (var origin in CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                problems.Add($"cors origin '{origin}': must be scheme://host[:port], e.g. http://localhost:3000");
            }
        }

        foreach (var host in AllowedHosts.Concat(AllowedProxyHosts))
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Any(char.IsWhiteSpace))
            {
                problems.Add($"host name '{host}': must be a bare host name or address, without scheme or path");
            }
        }

        return problems;
    }

    /// <summary>
    /// Why the server could not listen on <paramref name="host"/>, found by binding a socket to it (port 0, so
    /// the port is not touched); null when it can. WireMock.Net would otherwise wait out its start timeout and
    /// then fail with an exception that names neither the option nor the reason.
    /// </summary>
    private static string? HostProblem(string host)
    {
        const string Allowed = "give an address of this machine: 127.0.0.1 (the default), ::1, 0.0.0.0 or :: (every interface), or localhost";
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return null;
        if (host.StartsWith('[') && host.EndsWith(']')) return $"--host {host}: give the address without brackets ({host[1..^1]})";
        if (!IPAddress.TryParse(host, out var address))
        {
            // Kestrel listens on every interface for a name it does not know, whatever the name says.
            return $"--host {host}: not an IP address; {Allowed} (a name would listen on every interface)";
        }

        if (address.IsIPv4MappedToIPv6) return $"--host {host}: an IPv4-mapped IPv6 address cannot be listened on; give the IPv4 address {address.MapToIPv4()}";
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return null;
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable => "no network interface of this machine has that address",
                SocketError.AddressFamilyNotSupported => $"this machine has no {(address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")}",
                _ => ex.Message,
            };
            return $"--host {host}: cannot listen there ({why}); {Allowed}";
        }
    }
}
