namespace ApiContracts.Stubs.Hosting;

// Body files: only inside the loaded pack's __files folder, after resolving ".." and every link.
internal static partial class AdminGuard
{
    /// <summary>
    /// The real path of <paramref name="file"/> (relative names are taken in the pack's <c>__files</c>),
    /// when it is a file inside that folder once <c>..</c> and every symbolic link are resolved.
    /// </summary>
    internal static (string? Real, string? Why) PackFile(string file, string? packFiles)
    {
        if (packFiles is null || !Directory.Exists(packFiles)) return (null, "bodies from files are only read from the loaded pack's __files folder, and no pack is loaded (--pack)");
        if (file.Length == 0 || file.Contains('\0', StringComparison.Ordinal)) return (null, "must be a file name");
        string root;
        string real;
        try
        {
            root = RealPath(Path.GetFullPath(packFiles));
            real = RealPath(Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(packFiles, file)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, "cannot be resolved to a file inside the pack's __files folder");
        }

        var inside = real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside) return (null, "is outside the pack's __files folder (after resolving .. and links); only files there may be served");
        return File.Exists(real) ? (real, null) : (null, "no such file in the pack's __files folder");
    }

    // Resolves every link along the path, component by component (a link in a parent folder counts too).
    private static string RealPath(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = new Queue<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (parts.Count > 0)
        {
            var next = Path.Combine(current, parts.Dequeue());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) throw new IOException("too many links");
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = parts.ToArray();
                parts = new Queue<string>(resolved[Path.GetPathRoot(resolved)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = Path.GetPathRoot(resolved)!;
                continue;
            }

            current = next;
        }

        return current;
    }
}
