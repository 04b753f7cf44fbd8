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

    /// <summary>
    /// Appends a section to a file another producer added (a project the producer cannot reference, such as the
    /// fixture generator adding its value distributions to an API's page), after a blank line.
    /// </summary>
    /// <exception cref="InvalidOperationException">When <paramref name="path"/> was not added first.</exception>
    public void Append(string path, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!_files.TryGetValue(path, out var content)) throw new InvalidOperationException($"{path} is not generated, so nothing can be appended to it");
        _files[path] = content + "\n" + section;
    }

    /// <summary>Compares the set with the disk: the files that would change, appear or be removed.</summary>
    public IReadOnlyList<ArtifactChange> Diff(string root)
    {
        var changes = new List<ArtifactChange>();
        foreach (var (path, content) in _files)
        {
            var full = Path.Combine(root, path);
            // Never read what is not a regular file (a FIFO would block); Write refuses to replace it.
            if (AtomicFile.Obstacle(full) is { } what) changes.Add(new ArtifactChange(path, $"{what}, not a regular file"));
            else if (!File.Exists(full)) changes.Add(new ArtifactChange(path, "missing"));
            else if (!string.Equals(File.ReadAllText(full, Encoding.UTF8), content, StringComparison.Ordinal)) changes.Add(new ArtifactChange(path, "stale"));
        }

        changes.AddRange(Orphans(root).Select(p => new ArtifactChange(p, "not generated any more")));
        return changes;
    }

    /// <summary>Writes every changed file atomically (see <see cref="AtomicFile"/>) and removes stale ones.</summary>
    /// <exception cref="NotARegularFileException">When an artifact's path holds a directory, device, FIFO or link; then nothing is written.</exception>
    public IReadOnlyList<ArtifactChange> Write(string root, CancellationToken cancel = default)
    {
        var changes = Diff(root);
        // Every target is checked before the first write, so a refused one leaves all artifacts as they were.
        foreach (var change in changes.Where(c => _files.ContainsKey(c.Path))) AtomicFile.CheckTarget(Path.Combine(root, change.Path), change.Path);
        foreach (var change in changes)
        {
            var full = Path.Combine(root, change.Path);
            if (_files.TryGetValue(change.Path, out var content)) AtomicFile.Write(full, content, cancel);
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
