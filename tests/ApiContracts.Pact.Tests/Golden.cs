using System.Text;
using ApiContracts.Core.Tests;

namespace ApiContracts.Pact.Tests;

/// <summary>Compares text with a golden file and fails with a readable line diff; APICONTRACTS_UPDATE_GOLDEN=1 rewrites it.</summary>
internal static class Golden
{
    public static void Matches(string name, string actual)
    {
        // Read the copy beside the tests (source paths are mapped away in CI builds); update the one in the repository.
        var source = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        if (Environment.GetEnvironmentVariable("APICONTRACTS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Repo.Root, "tests", "ApiContracts.Pact.Tests", "Golden", name), actual);
            File.WriteAllText(source, actual);
        }

        Assert.True(File.Exists(source), $"no golden file {source}; run with APICONTRACTS_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(source);
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var diff = new StringBuilder($"{name} differs from its golden file:\n");
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right) diff.Append("line ").Append(i + 1).Append(":\n  - ").Append(left).Append("\n  + ").Append(right).Append('\n');
        }

        Assert.Fail(diff.ToString());
    }

}
