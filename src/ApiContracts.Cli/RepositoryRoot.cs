namespace ApiContracts.Cli;

/// <summary>Finds the repository whose definitions a command works on.</summary>
public static class RepositoryRoot
{
    /// <summary>The given root, or the nearest folder at or above the current one that holds <c>contracts/apis</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">When there is none.</exception>
    public static string Find(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            if (!Directory.Exists(Path.Combine(full, "contracts", "apis")))
            {
                throw new DirectoryNotFoundException($"--root {given}: no contracts/apis folder there");
            }

            return full;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "contracts", "apis"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("no contracts/apis folder at or above the current folder; run inside the repository or pass --root");
    }
}
