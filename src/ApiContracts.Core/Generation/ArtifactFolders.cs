using Mono.Unix;

namespace ApiContracts.Core.Generation;

/// <summary>
/// The folders between the repository root and a generated file. <c>generate</c> writes and removes files
/// only in real folders inside the root: a folder on the way that is a symbolic link (or a junction) could
/// point anywhere, such as a home folder, whose files would then be overwritten or removed as stale.
/// </summary>
internal static class ArtifactFolders
{
    private const string Hint = "generate writes and removes files only in real folders inside the repository, never through a link";

    /// <summary>What is at a path, without following a link.</summary>
    private enum Kind
    {
        Missing,
        Folder,
        Link,
        Other,
    }

    /// <summary>
    /// Throws when a folder on the way from <paramref name="root"/> (itself not checked: the user names it)
    /// to the file <paramref name="relative"/> is a link or not a folder; missing folders are fine (they are
    /// created as real folders).
    /// </summary>
    /// <exception cref="NotARegularFileException">Naming the artifact and the folder.</exception>
    public static void CheckFile(string root, string relative) => Check(root, relative, includeLast: false);

    /// <summary>Whether the folder <paramref name="relative"/> exists, after the same check of it and every folder above it.</summary>
    /// <exception cref="NotARegularFileException">When it, or a folder above it, is a link or not a folder.</exception>
    public static bool FolderExists(string root, string relative) => Check(root, relative, includeLast: true);

    /// <summary>
    /// Every entry but folders under the real folder <paramref name="relative"/> (already checked), by path
    /// relative to <paramref name="root"/>, in ordinal order. A link is listed as itself, with what it
    /// points at, and never followed.
    /// </summary>
    public static List<(string Path, string? Link)> Files(string root, string relative)
    {
        var files = new List<(string Path, string? Link)>();
        var pending = new Stack<string>();
        pending.Push(relative);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(Path.Combine(root, folder)).EnumerateFileSystemInfos())
            {
                var path = $"{folder}/{entry.Name}";
                switch (KindOf(entry.FullName))
                {
                    case Kind.Link:
                        files.Add((path, Link(entry.FullName)));
                        break;
                    case Kind.Folder:
                        pending.Push(path);
                        break;
                    case Kind.Other:
                        files.Add((path, null));
                        break;
                    default:
                        // Removed meanwhile: nothing to list.
                        break;
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>The refusal to remove a stale entry that is a link (it was planted: generate makes none).</summary>
    public static NotARegularFileException StaleLink(string path, string link) =>
        new($"{path}: refusing to remove it as not generated any more: it is {link} ({Hint}; generate makes no links: remove it yourself)");

    private static bool Check(string root, string relative, bool includeLast)
    {
        var segments = relative.Split('/');
        if (Path.IsPathRooted(relative) || segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            // Generators name their files; this guards against one that builds a path from data.
            throw new NotARegularFileException($"{relative}: refusing to write: not a plain path inside the repository");
        }

        var count = includeLast ? segments.Length : segments.Length - 1;
        for (var i = 1; i <= count; i++)
        {
            var folder = string.Join('/', segments[..i]);
            var full = Path.Combine(root, folder);
            switch (KindOf(full))
            {
                case Kind.Missing:
                    return false;
                case Kind.Folder:
                    continue;
                case Kind.Link:
                    throw new NotARegularFileException(folder == relative
                        ? $"{relative}: refusing to write: the generated folder is {Link(full)}, not a real folder ({Hint}: remove the link, or put a real folder there)"
                        : $"{relative}: refusing to write: its folder {folder} is {Link(full)}, not a real folder ({Hint}: remove the link, or put a real folder there)");
                default:
                    throw new NotARegularFileException($"{relative}: refusing to write: {folder} is not a folder (it is left as it is)");
            }
        }

        return true;
    }

    private static Kind KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || info.Exists && info.Attributes.HasFlag(FileAttributes.ReparsePoint)) return Kind.Link;
            if (Directory.Exists(path)) return new DirectoryInfo(path).LinkTarget is null ? Kind.Folder : Kind.Link;
            return info.Exists ? Kind.Other : Kind.Missing;
        }

        var entry = UnixFileSystemInfo.GetFileSystemEntry(path);
        if (!entry.Exists) return Kind.Missing;
        return entry.FileType switch
        {
            FileTypes.Directory => Kind.Folder,
            FileTypes.SymbolicLink => Kind.Link,
            _ => Kind.Other,
        };
    }

    private static string Link(string path) => $"a symbolic link (to {File.ResolveLinkTarget(path, returnFinalTarget: false)?.ToString() ?? "?"})";
}
