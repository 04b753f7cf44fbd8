using ApiContracts.Stubs.Engine;

namespace ApiContracts.Stubs.Hosting;

/// <summary>How a stub server starts; bind the CLI's options to it.</summary>
public sealed record StubServerOptions
{
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

    /// <summary>Requests kept in the journal.</summary>
    public int JournalSize { get; init; } = 1000;

    /// <summary>Every problem with the options, one line each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = Settings.Problems().ToList();
        if (Port is < 0 or > 65535) problems.Add($"port {Port}: must be 0..65535");
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("host: must not be empty");
        if (JournalSize < 1) problems.Add($"journal size {JournalSize}: must be positive");
        if (Pack is not null && !Directory.Exists(Path.Combine(Pack, "mappings"))) problems.Add($"pack {Pack}: no mappings folder there");
        return problems;
    }
}
