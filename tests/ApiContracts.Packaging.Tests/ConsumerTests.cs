using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ApiContracts.Packaging.Tests;

/// <summary>The libraries from the packed feed, used by a project of a user's (outside the repository).</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsumerTests(PackedFeed feed)
{
    private static readonly string[] Libraries = ["ApiContracts.Core", "ApiContracts.Fixtures", "ApiContracts.OpenApi", "ApiContracts.Stubs", "ApiContracts.Pact"];
    private static readonly string[] EngineRids = ["linux-x64", "linux-musl-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    [Fact]
    public void ConsumerProject_FromThePackages_WritesAPact_AndUsesTheStubInProcess()
    {
        var project = feed.NewFolder("consumer");
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="apicontracts" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Shell.Ok("dotnet", ["new", "console", "--name", "Consumer", "--output", ".", "--framework", "net10.0", "--no-restore"], project);
        var csproj = Path.Combine(project, "Consumer.csproj");
        var document = XDocument.Load(csproj);
        document.Root!.Add(new XElement("ItemGroup",
            new XElement("PackageReference", new XAttribute("Include", "ApiContracts.Pact"), new XAttribute("Version", feed.Version)),
            new XElement("PackageReference", new XAttribute("Include", "ApiContracts.Stubs"), new XAttribute("Version", feed.Version))));
        document.Save(csproj);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using System.Text.Json.Nodes;
            using ApiContracts.Pact.Builder;
            using ApiContracts.Stubs;

            // The stub, in-process, from the package's built-in definitions.
            await using (var stub = await ApiStub.StartAsync())
            {
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Add("X-Auth-Token", "t");
                var page = JsonNode.Parse(await http.GetStringAsync(stub.UrlFor("evs-snapshots-detail")))!;
                Console.WriteLine($"stub count {page["count"]}");
            }

            // A consumer pact with the Pact engine the package carries.
            using var pact = new PactBuilder("packaged-consumer", "evs");
            pact.UponReceiving("the snapshots of a project")
                .WithRequest("GET", "/v2/p/cloudsnapshots/detail")
                .WithHeader("X-Auth-Token", Match.Regex("^.+$", "t"))
                .WillRespondWith(200)
                .WithJsonBody(new JsonObject { ["count"] = Match.Integer(2) });
            using (var server = pact.StartMockServer())
            {
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Add("X-Auth-Token", "secret");
                Console.WriteLine("mock says " + await http.GetStringAsync(server.Url + "/v2/p/cloudsnapshots/detail"));
                server.Verify();
                server.WritePact(args[0]);
            }

            Console.WriteLine("pact written");
            """);
        var pacts = Path.Combine(project, "pacts");

        var output = Shell.Ok("dotnet", ["run", "--", pacts], project);

        Assert.Contains("stub count 25", output, StringComparison.Ordinal);
        Assert.Contains("mock says {\"count\":2}", output, StringComparison.Ordinal);
        Assert.Contains("pact written", output, StringComparison.Ordinal);
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(pacts, "packaged-consumer-evs.json")))!;
        Assert.Equal("packaged-consumer", written["consumer"]!["name"]!.ToString());
        Assert.Equal("the snapshots of a project", written["interactions"]![0]!["description"]!.ToString());
        // The engine came from the package, under the consumer's runtimes/ folder.
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "runtimes", feed.Rid, "native", feed.Rid.StartsWith("win", StringComparison.Ordinal) ? "pact_ffi.dll" : feed.Rid.StartsWith("osx", StringComparison.Ordinal) ? "libpact_ffi.dylib" : "libpact_ffi.so")));
    }

    [Fact]
    public void Libraries_CarryReadmeLicenseXmlDocsAndSourceInfo()
    {
        foreach (var id in Libraries)
        {
            using var package = ZipFile.OpenRead(feed.Package(id));
            var names = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", names);
            Assert.Contains("LICENSE", names);
            Assert.Contains($"lib/net10.0/{id}.dll", names);
            Assert.Contains($"lib/net10.0/{id}.xml", names);
            var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var ns = nuspec.Root!.GetDefaultNamespace();
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.Equal(feed.Version, metadata.Element(ns + "version")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));

            // The PDB travels inside the assembly (SourceLink maps it to the commit when the repository has a remote).
            using var dll = new MemoryStream();
            package.GetEntry($"lib/net10.0/{id}.dll")!.Open().CopyTo(dll);
            dll.Position = 0;
            using var pe = new PEReader(dll);
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.Reproducible);
        }
    }

    [Fact]
    public void PactPackage_CarriesTheEngineForSixPlatforms()
    {
        using var package = ZipFile.OpenRead(feed.Package("ApiContracts.Pact"));
        var names = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (var rid in EngineRids)
        {
            var file = rid.StartsWith("win", StringComparison.Ordinal) ? "pact_ffi.dll" : rid.StartsWith("osx", StringComparison.Ordinal) ? "libpact_ffi.dylib" : "libpact_ffi.so";
            Assert.Contains($"runtimes/{rid}/native/{file}", names);
            Assert.True(package.GetEntry($"runtimes/{rid}/native/{file}")!.Length > 1_000_000, $"{rid}: the engine is suspiciously small");
        }

        Assert.DoesNotContain(names, n => n.EndsWith(".node", StringComparison.Ordinal) || n.Contains("libpact_ffi_musl", StringComparison.Ordinal));
    }

    [Fact]
    public void ToolPackages_PointToThePlatformPackage_WhichIsReadyToRunAndCarriesItsEngine()
    {
        using (var pointer = ZipFile.OpenRead(feed.Package("apicontracts")))
        {
            var settings = XDocument.Load(pointer.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)).Open());
            Assert.Contains(settings.Descendants("RuntimeIdentifierPackage"), p => p.Attribute("RuntimeIdentifier")!.Value == feed.Rid && p.Attribute("Id")!.Value == $"apicontracts.{feed.Rid}");
            Assert.DoesNotContain(pointer.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        }

        using var platform = ZipFile.OpenRead(feed.Package($"apicontracts.{feed.Rid}"));
        var root = $"tools/net10.0/{feed.Rid}/";
        var names = platform.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(names, n => n.StartsWith(root + "runtimes/" + feed.Rid + "/native/", StringComparison.Ordinal) && n.Contains("pact_ffi", StringComparison.Ordinal));
        Assert.Single(names, n => n.Contains("pact_ffi", StringComparison.Ordinal));
        foreach (var assembly in new[] { "apicontracts.dll", "ApiContracts.Stubs.dll", "ApiContracts.Core.dll", "WireMock.Net.Minimal.dll", "YamlDotNet.dll" })
        {
            using var dll = new MemoryStream();
            platform.GetEntry(root + assembly)!.Open().CopyTo(dll);
            dll.Position = 0;
            using var pe = new PEReader(dll);
            // ReadyToRun images carry a managed native header with the precompiled code.
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not ReadyToRun");
        }

        var runtimeConfig = JsonNode.Parse(platform.GetEntry(root + "apicontracts.runtimeconfig.json")!.Open())!;
        Assert.False(runtimeConfig["runtimeOptions"]!["configProperties"]!["System.Runtime.TieredPGO"]!.GetValue<bool>());
    }
}
