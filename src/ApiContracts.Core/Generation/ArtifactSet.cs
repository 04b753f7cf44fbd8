using System.Text;

namespace ApiContracts.Core.Generation;

/// <summary>
/// A complete set of generated files, built in memory before anything touches the disk, so a run
/// that fails leaves the previous artifacts as they were.
/// </summary>
public sealed class ArtifactSet
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _owned = new(StringComparer.Ordinal);

    /// <summary>The files, by path relative to the repository root (forward slashes).</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Declares a folder as wholly generated: files in it that the set lacks are stale and removed.</summary>
    public void Own(string folder) => _owned.Add(folder.TrimEnd('/'));

    /// <summary>Adds a file; a path may be added once.</summary>
    public void Add(string path, string content)
    {
        if (!_files.TryAdd(path, content)) throw new InvalidOperationException($"{path} is generated twice");
    }

    /// <summary>Compares the set with the disk: the files that would change, appear or be removed.</summary>
    public IReadOnlyList<ArtifactChange> Diff(string root)
    {
        var changes = new List<ArtifactChange>();
        foreach (var (path, content) in _files)
        {
            var full = Path.Combine(root, path);
            if (!File.Exists(full)) changes.Add(new ArtifactChange(path, "missing"));
            else if (!string.Equals(File.ReadAllText(full, Encoding.UTF8), content, StringComparison.Ordinal)) changes.Add(new ArtifactChange(path, "stale"));
        }

        changes.AddRange(Orphans(root).Select(p => new ArtifactChange(p, "not generated any more")));
        return changes;
    }

    /// <summary>Writes every changed file atomically (temporary file, then rename) and removes stale ones.</summary>
    public IReadOnlyList<ArtifactChange> Write(string root)
    {
        var changes = Diff(root);
        foreach (var change in changes)
        {
            var full = Path.Combine(root, change.Path);
            if (_files.TryGetValue(change.Path, out var content)) AtomicFile.Write(full, content);
            else File.Delete(full);
        }

        return changes;
    }

    private IEnumerable<string> Orphans(string root)
    {
        foreach (var folder in _owned)
        {
            var full = Path.Combine(root, folder);
            if (!Directory.Exists(full)) continue;
            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!_files.ContainsKey(relative)) yield return relative;
            }
        }
    }
}

/// <summary>A generated file that differs from the disk.</summary>
/// <param name="Path">Relative path.</param>
/// <param name="Reason"><c>missing</c>, <c>stale</c> or <c>not generated any more</c>.</param>
public sealed record ArtifactChange(string Path, string Reason);

/// <summary>Writes a file so that readers see the old or the new content, never a part.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same folder.</summary>
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, Utf8);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
