using System.Text.Json.Nodes;
using ApiContracts.Core;

namespace ApiContracts.Core.Tests;

/// <summary>Paths of the repository the tests run in, and the catalog loaded once.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static readonly Lazy<ContractCatalog> LazyCatalog = new(() => ContractCatalog.Load(Root!));

    /// <summary>The source pages the definitions were written from (<c>contracts/sources</c>).</summary>
    public static string Sources => Path.Combine(Root, "contracts", "sources");

    public static ContractCatalog Catalog => LazyCatalog.Value;

    /// <summary>A copy of contracts/apis in a fresh folder, for tests that write.</summary>
    public static string CopyToTemp()
    {
        var temp = Path.Combine(Path.GetTempPath(), "apicontracts-tests", Path.GetRandomFileName());
        var apis = Path.Combine(temp, "contracts", "apis");
        Directory.CreateDirectory(apis);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "contracts", "apis")))
        {
            File.Copy(file, Path.Combine(apis, Path.GetFileName(file)));
        }

        return temp;
    }

    /// <summary>Every file under <paramref name="folder"/> with its bytes, by relative path.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(folder, file)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
        }

        return result;
    }

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApiContracts.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("ApiContracts.sln not found above the test folder");
    }
}
