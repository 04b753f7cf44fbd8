using WireMock.Server;

namespace ApiContracts.Stubs.Packs;

/// <summary>Loads WireMock-format stub packs faithfully into WireMock.Net.</summary>
public static partial class PackLoader
{
    /// <summary>Loads every mapping of the pack in <paramref name="folder"/>; returns how many.</summary>
    public static int Load(WireMockServer server, string folder)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(folder);
        return 0;
    }
}
