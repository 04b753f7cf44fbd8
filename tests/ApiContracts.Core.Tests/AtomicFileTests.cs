using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ApiContracts.Core.Generation;

namespace ApiContracts.Core.Tests;

/// <summary>The one writer: what it refuses, how it names and creates its temporary file, and what a failure leaves.</summary>
public sealed partial class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-atomic").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"^\.out\.txt\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    /// <summary>Runs a command (mknod, mkfifo) the tests need; they run as root here and in CI, so it must work.</summary>
    internal static void Sh(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: {error}");
    }

    private string[] Leftovers() => Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Where(n => n!.EndsWith(".tmp", StringComparison.Ordinal)).ToArray()!;

    [Fact]
    public void Write_TemporaryName_IsRandomHexBesideTheTarget_NeverThePid()
    {
        var target = Path.Combine(_folder, "out.txt");
        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            AtomicFile.Write(target, (stream, _) =>
            {
                seen.Add(Assert.Single(Leftovers()));
                stream.Write("x"u8);
            });
        }

        Assert.All(seen, name => Assert.Matches(TempName(), name));
        Assert.All(seen, name => Assert.DoesNotContain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), name, StringComparison.Ordinal));
        Assert.Equal(3, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(Leftovers());
        Assert.Equal("x", File.ReadAllText(target));
    }

    [Fact]
    public void Write_PlantedSymlinkAtTheTemporaryName_IsNotFollowed()
    {
        var target = Path.Combine(_folder, "out.txt");
        var victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        const string planted = ".out.txt.planted.tmp";
        File.CreateSymbolicLink(Path.Combine(_folder, planted), victim);
        var names = new Queue<string>([planted, ".out.txt.second.tmp"]);

        AtomicFile.Write(target, (stream, _) => stream.Write("new"u8), CancellationToken.None, _ => names.Dequeue());

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(Path.Combine(_folder, planted)).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(names);
        Assert.False(File.Exists(Path.Combine(_folder, ".out.txt.second.tmp")));
    }

    [Fact]
    public void Write_FailureMidway_KeepsTheOldContent_AndRemovesTheTemporaryFile()
    {
        var target = Path.Combine(_folder, "out.txt");
        File.WriteAllText(target, "old");

        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(target, (stream, _) =>
        {
            stream.Write(new byte[200_000]);
            throw new IOException("disk gone");
        }));

        Assert.Equal("disk gone", ex.Message);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Write_Cancelled_KeepsTheOldContent_AndRemovesTheTemporaryFile()
    {
        var target = Path.Combine(_folder, "out.txt");
        File.WriteAllText(target, "old");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(target, (stream, token) =>
        {
            stream.Write("partial"u8);
            cancel.Cancel();
            token.ThrowIfCancellationRequested();
        }, cancel.Token));

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(Leftovers());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_ExistingFile_KeepsItsPermissions()
    {
        var target = Path.Combine(_folder, "out.txt");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.Write(target, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }

    [Fact]
    public void Write_SymlinkToARegularFile_IsRefused_AndNeitherTheLinkNorItsTargetChanges()
    {
        var victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        var link = Path.Combine(_folder, "out.txt");
        File.CreateSymbolicLink(link, victim);

        var ex = Assert.Throws<NotARegularFileException>(() => AtomicFile.Write(link, "overwritten"));

        Assert.Contains("a symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(link).LinkTarget);
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("directory", "a directory")]
    [InlineData("fifo", "a FIFO (named pipe)")]
    [InlineData("chardev", "a character device")]
    [InlineData("dangling-link", "a symbolic link")]
    public void Write_NotARegularFile_IsRefused_AndLeftAsItWas(string kind, string described)
    {
        var target = Path.Combine(_folder, "out.txt");
        switch (kind)
        {
            case "directory": Directory.CreateDirectory(target); break;
            case "fifo": Sh("mkfifo", target); break;
            case "chardev": Sh("mknod", target, "c", "1", "3"); break;
            default: File.CreateSymbolicLink(target, Path.Combine(_folder, "nowhere")); break;
        }

        var ex = Assert.Throws<NotARegularFileException>(() => AtomicFile.Write(target, "x"));

        Assert.StartsWith($"{target}: refusing to write: it is {described}", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(described, AtomicFile.Obstacle(target)!, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
        Assert.False(File.Exists(Path.Combine(_folder, "nowhere")));
    }

    [Fact]
    public void Obstacle_RegularFileOrNewPath_IsNone()
    {
        var file = Path.Combine(_folder, "file.txt");
        File.WriteAllText(file, "x");

        Assert.Null(AtomicFile.Obstacle(file));
        Assert.Null(AtomicFile.Obstacle(Path.Combine(_folder, "new.txt")));
        Assert.Equal("a character device", AtomicFile.Obstacle("/dev/full"));
    }

    [Fact]
    public void ArtifactSetWrite_OneTargetIsAFifo_WritesNothingAtAll()
    {
        var set = new ArtifactSet();
        set.Add("a/first.txt", "first");
        set.Add("a/second.txt", "second");
        Directory.CreateDirectory(Path.Combine(_folder, "a"));
        Sh("mkfifo", Path.Combine(_folder, "a", "second.txt"));

        // Diff does not open the FIFO (that would block): it reports it.
        Assert.Contains(set.Diff(_folder), c => c.Path == "a/second.txt" && c.Reason == "a FIFO (named pipe), not a regular file");
        var ex = Assert.Throws<NotARegularFileException>(() => set.Write(_folder));

        Assert.StartsWith("a/second.txt: refusing to write", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "a", "first.txt")));
        Assert.Equal("a FIFO (named pipe)", AtomicFile.Obstacle(Path.Combine(_folder, "a", "second.txt")));
    }

    [Fact]
    public void ArtifactSetWrite_AStaleFileLinkInAGeneratedFolder_IsRefused_AndNeitherTheLinkNorItsTargetIsRemoved()
    {
        var victim = Path.Combine(_folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        var set = new ArtifactSet();
        set.Own("gen");
        set.Add("gen/kept.txt", "kept");
        Directory.CreateDirectory(Path.Combine(_folder, "gen", "deep"));
        var link = Path.Combine(_folder, "gen", "deep", "old.txt");
        File.CreateSymbolicLink(link, victim);

        var ex = Assert.Throws<NotARegularFileException>(() => set.Write(_folder));

        Assert.StartsWith($"gen/deep/old.txt: refusing to remove it as not generated any more: it is a symbolic link (to {victim})", ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(link).LinkTarget);
        Assert.False(File.Exists(Path.Combine(_folder, "gen", "kept.txt")));
    }

    [Fact]
    public void ArtifactSetWrite_AStaleFileInARealFolder_IsRemoved()
    {
        var set = new ArtifactSet();
        set.Own("gen");
        set.Add("gen/kept.txt", "kept");
        Directory.CreateDirectory(Path.Combine(_folder, "gen", "deep"));
        File.WriteAllText(Path.Combine(_folder, "gen", "deep", "old.txt"), "old");

        var changes = set.Write(_folder);

        Assert.Equal(["gen/deep/old.txt: not generated any more", "gen/kept.txt: missing"], changes.Select(c => $"{c.Path}: {c.Reason}").Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(_folder, "gen", "deep", "old.txt")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(_folder, "gen", "kept.txt")));
    }

    [Fact]
    public void Write_Content_IsUtf8WithoutByteOrderMark()
    {
        var target = Path.Combine(_folder, "out.txt");

        AtomicFile.Write(target, "é中");

        Assert.Equal(Encoding.UTF8.GetBytes("é中"), File.ReadAllBytes(target));
    }
}
