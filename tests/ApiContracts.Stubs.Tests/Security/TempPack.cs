using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>A stub pack (<c>mappings/</c>, <c>__files/</c>) in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempPack : IDisposable
{
    public TempPack(IReadOnlyDictionary<string, string>? mappings = null, IReadOnlyDictionary<string, string>? files = null)
    {
        Folder = Directory.CreateTempSubdirectory("apicontracts-pack-").FullName;
        Directory.CreateDirectory(Path.Combine(Folder, "mappings"));
        Directory.CreateDirectory(Path.Combine(Folder, "__files"));
        foreach (var (name, text) in mappings ?? new Dictionary<string, string>()) File.WriteAllText(Path.Combine(Folder, "mappings", name), text);
        foreach (var (name, text) in files ?? new Dictionary<string, string>()) File.WriteAllText(Path.Combine(Folder, "__files", name), text);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>A stub server started with the given options (port 0), disposed with the test.</summary>
internal sealed class ServerWith(StubServerOptions options) : StubFixture(options);
