using System.Runtime.InteropServices;

using ApiContracts.Core.Tests;

namespace ApiContracts.Packaging.Tests;

/// <summary>
/// The packages as a release makes them: `dotnet pack eng/packages.slnf` in a copy of the repository's sources
/// (so the pack shares no obj/ or bin/ folder with the build running the tests, and has no git remote), with a
/// version no earlier run used, into a fresh feed folder. Made once for all the tests here.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("apicontracts-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        Sources = Path.Combine(Root, "sources");
        Rid = RuntimeInformation.RuntimeIdentifier;
        // Unique per run: a cached package of an earlier run can never stand in for this one.
        // (Each part of an assembly version stays below 65535: days since 2025 and two-second steps of the day.)
        var now = DateTimeOffset.UtcNow;
        Version = $"0.1.{(now - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).Days}.{(int)now.TimeOfDay.TotalSeconds / 2}";
        CopySources(Repo.Root, Sources);
        Shell.Ok("dotnet", ["pack", Path.Combine("eng", "packages.slnf"), "-c", "Release", "--nologo", "-v", "q",
            $"-p:Version={Version}", $"-p:PackageOutputPath={Feed}/", $"-p:ToolPackageRuntimeIdentifiers={Rid}", "-p:ContinuousIntegrationBuild=true"], Sources);
    }

    public string Root { get; }

    /// <summary>The folder holding the .nupkg files: a local NuGet feed.</summary>
    public string Feed { get; }

    public string Sources { get; }

    public string Rid { get; }

    public string Version { get; }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>A new empty folder under the fixture's root.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, name + "-" + Path.GetRandomFileName())).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // What a pack reads: the sources, build settings and the definitions the libraries embed.
    private static void CopySources(string from, string to)
    {
        foreach (var file in new[] { "ApiContracts.sln", "Directory.Build.props", "Directory.Packages.props", "LICENSE", ".editorconfig" })
        {
            Directory.CreateDirectory(to);
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
        }

        foreach (var folder in new[] { "src", "eng", Path.Combine("contracts", "apis"), Path.Combine("contracts", "sources") })
        {
            CopyFolder(Path.Combine(from, folder), Path.Combine(to, folder));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or "node_modules") continue;
            CopyFolder(folder, Path.Combine(to, name));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
