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
    /// <exception cref="NotARegularFileException">When a folder on the way to an artifact, or inside a generated folder, is a symbolic link: nothing is read through it.</exception>
    public IReadOnlyList<ArtifactChange> Diff(string root)
    {
        var changes = new List<ArtifactChange>();
        foreach (var (path, content) in _files)
        {
            ArtifactFolders.CheckFile(root, path);
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
    /// <exception cref="NotARegularFileException">When an artifact's path holds a directory, device, FIFO or link, or a folder on
    /// the way to it (or inside a generated folder) is a link; then nothing is written and nothing removed.</exception>
    public IReadOnlyList<ArtifactChange> Write(string root, CancellationToken cancel = default)
    {
        // Diff checks every folder on the way to every artifact, and every entry of the generated folders.
        var changes = Diff(root);
        // Every target is checked before the first write, so a refused one leaves all artifacts as they were.
        foreach (var change in changes.Where(c => _files.ContainsKey(c.Path))) AtomicFile.CheckTarget(Path.Combine(root, change.Path), change.Path);
        foreach (var change in changes)
        {
            // Checked again just before each write or removal, in case a folder was swapped for a link meanwhile.
            ArtifactFolders.CheckFile(root, change.Path);
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
            // A generated folder that is a link, or a link inside one, is refused: its files are never listed as stale (and removed).
            if (!ArtifactFolders.FolderExists(root, folder)) continue;
            foreach (var (relative, link) in ArtifactFolders.Files(root, folder))
            {
                if (_files.ContainsKey(relative)) continue;
                if (link is not null) throw ArtifactFolders.StaleLink(relative, link);
                yield return relative;
            }
        }
    }
}

/// <summary>A generated file that differs from the disk.</summary>
/// <param name="Path">Relative path.</param>
/// <param name="Reason"><c>missing</c>, <c>stale</c> or <c>not generated any more</c>.</param>
public sealed record ArtifactChange(string Path, string Reason);
