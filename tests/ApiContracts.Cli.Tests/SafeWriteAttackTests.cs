using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

// The attacks of issue 10 point 5 on the real command line, one class each: the CLI never replaces or
// writes through anything but a regular file, never follows a planted link, and leaves no partial file.

/// <summary>A folder per test and the helpers the attacks share.</summary>
public abstract class SafeWriteAttack : IDisposable
{
    protected SafeWriteAttack() => Folder = Directory.CreateTempSubdirectory("apicontracts-safe-write").FullName;

    protected string Folder { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Runs a system command (mknod, mkfifo, stat, mount); the tests run as root here and in CI, so it must succeed.</summary>
    protected static string Sh(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
        return output.Trim();
    }

    /// <summary>What <c>stat</c> says the entry is, without following a link: type and device numbers.</summary>
    protected static string Kind(string path) => Sh("stat", "-c", "%F %t:%T", path);

    /// <summary>Messages are wrapped at the console width; compare them as one line.</summary>
    protected static string Flat(string text) => Regex.Replace(text, @"\s*\n\s*", " ");

    protected static (int Exit, string Out, string Err) Export(string path, long count = 50, string format = "ndjson") =>
        Run("fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", count.ToString(CultureInfo.InvariantCulture), "--format", format, "--out", path);

    /// <summary>Temporary files the writer left in <see cref="Folder"/> (there must be none).</summary>
    protected string[] Leftovers() => Directory.GetFileSystemEntries(Folder).Select(p => Path.GetFileName(p)!).Where(n => n.StartsWith('.')).ToArray();
}

public sealed class DevFullAttackTests : SafeWriteAttack
{
    [Fact]
    public void FixturesOutDevFull_ExitsTwo_AndTheDeviceStaysADevice()
    {
        var before = Kind("/dev/full");

        var (exit, _, error) = Export("/dev/full");

        Assert.Equal(2, exit);
        Assert.Contains("--out /dev/full: refusing to write: it is a character device, not a regular file", Flat(error), StringComparison.Ordinal);
        Assert.StartsWith("character special file", before, StringComparison.Ordinal);
        Assert.Equal(before, Kind("/dev/full"));
        Assert.DoesNotContain(Directory.GetFileSystemEntries("/dev"), p => Path.GetFileName(p).StartsWith(".full.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--junit")]
    [InlineData("--json")]
    public void VerifyReportToDevFull_ExitsTwo_BeforeAnyVerification(string option)
    {
        var (exit, output, error) = Run("verify", "--provider-url", "http://127.0.0.1:9", "--pacts", Path.Combine(Repo.Root, "contracts", "pacts"), option, "/dev/full");

        Assert.Equal(2, exit);
        Assert.Contains($"{option} /dev/full: refusing to write: it is a character device", Flat(error), StringComparison.Ordinal);
        Assert.DoesNotContain("passed", output, StringComparison.Ordinal);
        Assert.StartsWith("character special file", Kind("/dev/full"), StringComparison.Ordinal);
    }
}

public sealed class CharacterDeviceAttackTests : SafeWriteAttack
{
    [Fact]
    public void FixturesOutAMknodDevice_ExitsTwo_AndTheDeviceIsLeftAsItWas()
    {
        // A device like /dev/null, made where the export would go (mknod needs root: the tests have it).
        var device = Path.Combine(Folder, "null-like");
        Sh("mknod", device, "c", "1", "3");
        Assert.Equal("character special file 1:3", Kind(device));

        var (exit, _, error) = Export(device);

        Assert.Equal(2, exit);
        Assert.Contains($"--out {device}: refusing to write: it is a character device, not a regular file", Flat(error), StringComparison.Ordinal);
        Assert.Equal("character special file 1:3", Kind(device));
        Assert.Empty(Leftovers());
    }
}

public sealed class FifoAttackTests : SafeWriteAttack
{
    [Fact]
    public void FixturesOutAFifo_ExitsTwoAtOnce_WithoutOpeningIt()
    {
        var fifo = Path.Combine(Folder, "pipe");
        Sh("mkfifo", fifo);

        // Opening a FIFO with no reader would block forever: the refusal comes from lstat, before any open.
        var (exit, _, error) = Export(fifo);

        Assert.Equal(2, exit);
        Assert.Contains($"--out {fifo}: refusing to write: it is a FIFO (named pipe), not a regular file", Flat(error), StringComparison.Ordinal);
        Assert.Equal("fifo 0:0", Kind(fifo));
        Assert.Empty(Leftovers());
    }
}

public sealed class DirectoryAttackTests : SafeWriteAttack
{
    [Fact]
    public void FixturesOutADirectory_ExitsTwo_AndTheDirectoryKeepsItsFiles()
    {
        var directory = Path.Combine(Folder, "reports");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "keep.txt"), "kept");

        var (exit, _, error) = Export(directory);

        Assert.Equal(2, exit);
        Assert.Contains($"--out {directory}: refusing to write: it is a directory, not a regular file", Flat(error), StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(directory, "keep.txt")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void GenerateWithADirectoryWhereAnArtifactGoes_ExitsTwo_AndWritesNothing()
    {
        var root = Repo.CopyToTemp();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "contracts", "docs", "README.md"));
            var before = Repo.Snapshot(root);

            var (exit, _, error) = Run("generate", "--root", root);

            Assert.Equal(2, exit);
            Assert.Contains("contracts/docs/README.md: refusing to write: it is a directory", Flat(error), StringComparison.Ordinal);
            Assert.Equal(before, Repo.Snapshot(root));
            Assert.False(Directory.Exists(Path.Combine(root, "contracts", "schemas")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

public sealed class SymlinkAttackTests : SafeWriteAttack
{
    [Fact]
    public void FixturesOutASymlinkToAFile_ExitsTwo_AndNeitherTheLinkNorItsTargetChanges()
    {
        var victim = Path.Combine(Folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        var link = Path.Combine(Folder, "out.ndjson");
        File.CreateSymbolicLink(link, victim);

        var (exit, _, error) = Export(link);

        Assert.Equal(2, exit);
        Assert.Contains($"--out {link}: refusing to write: it is a symbolic link (to {victim}), not a regular file (links are neither written through nor replaced", Flat(error), StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(victim, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void FixturesOutASymlinkToADevice_ExitsTwo()
    {
        var link = Path.Combine(Folder, "out.ndjson");
        File.CreateSymbolicLink(link, "/dev/full");

        var (exit, _, error) = Export(link);

        Assert.Equal(2, exit);
        Assert.Contains("it is a symbolic link (to /dev/full)", Flat(error), StringComparison.Ordinal);
        Assert.StartsWith("character special file", Kind("/dev/full"), StringComparison.Ordinal);
    }

    [Fact]
    public void LinksPlantedAtTheOldPredictableTemporaryNames_AreNeverFollowed()
    {
        // The export used to write to .<name>.<pid>.partial; in-process the pid is this one, so plant there.
        var victim = Path.Combine(Folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string[] planted = [$".out.ndjson.{pid}.partial", $".out.ndjson.{pid}.tmp"];
        foreach (var name in planted) File.CreateSymbolicLink(Path.Combine(Folder, name), victim);
        var path = Path.Combine(Folder, "out.ndjson");

        var (exit, _, _) = Export(path, count: 20);

        Assert.Equal(0, exit);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(20, File.ReadAllLines(path).Length);
        Assert.Equal(planted.Order(StringComparer.Ordinal), Leftovers().Order(StringComparer.Ordinal));
        Assert.All(planted, name => Assert.Equal(victim, new FileInfo(Path.Combine(Folder, name)).LinkTarget));
    }

    [Fact]
    public void GenerateWithASymlinkWhereAnArtifactGoes_ExitsTwo_AndTheLinkTargetIsUntouched()
    {
        var root = Repo.CopyToTemp();
        var victim = Path.Combine(Folder, "victim.md");
        File.WriteAllText(victim, "precious");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "contracts", "docs"));
            File.CreateSymbolicLink(Path.Combine(root, "contracts", "docs", "README.md"), victim);

            var (exit, _, error) = Run("generate", "--root", root);

            Assert.Equal(2, exit);
            Assert.Contains("contracts/docs/README.md: refusing to write: it is a symbolic link", Flat(error), StringComparison.Ordinal);
            Assert.Equal("precious", File.ReadAllText(victim));
            Assert.False(Directory.Exists(Path.Combine(root, "contracts", "schemas")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>Attack report 1, finding 8: a folder of the generated tree swapped for a link to someone's home.</summary>
public sealed class FolderLinkAttackTests : SafeWriteAttack
{
    [Theory]
    [InlineData("fixtures/stubs/pai-dsw", "fixtures/stubs/pai-dsw/README.md: refusing to write: its folder fixtures/stubs/pai-dsw is a symbolic link (to {home})")]
    [InlineData("fixtures", "its folder fixtures is a symbolic link (to {home})")]
    [InlineData("fixtures/stubs/pai-dsw/__files", "its folder fixtures/stubs/pai-dsw/__files is a symbolic link (to {home})")]
    [InlineData("contracts/schemas", "its folder contracts/schemas is a symbolic link (to {home})")]
    [InlineData("fixtures/stubs/evs/old", "fixtures/stubs/evs/old: refusing to remove it as not generated any more: it is a symbolic link (to {home})")]
    public void GenerateWithAFolderLinkedToAHome_ExitsTwo_AndNeitherWritesNorDeletesThere(string linked, string message)
    {
        var root = Repo.CopyToTemp();
        var home = Path.Combine(Folder, "fakehome");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        File.WriteAllText(Path.Combine(home, ".bashrc"), "export PS1=precious\n");
        File.WriteAllText(Path.Combine(home, ".ssh", "id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        var homeBefore = Repo.Snapshot(home);
        try
        {
            // The report's reproduction: the provider's pack folder moved away and a link to the home put in its place.
            var link = Path.Combine(root, linked);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            Directory.CreateSymbolicLink(link, home);
            var rootBefore = Repo.Snapshot(root);

            var (exit, output, error) = Run("generate", "--root", root);

            Assert.Equal(2, exit);
            Assert.Contains(message.Replace("{home}", home, StringComparison.Ordinal), Flat(error), StringComparison.Ordinal);
            Assert.Contains("never through a link", Flat(error), StringComparison.Ordinal);
            Assert.DoesNotContain("generate:", output, StringComparison.Ordinal);
            Assert.Equal(homeBefore, Repo.Snapshot(home));
            Assert.Equal(["id_ed25519"], Directory.GetFiles(Path.Combine(home, ".ssh")).Select(Path.GetFileName));
            Assert.Equal(rootBefore, Repo.Snapshot(root));
            Assert.Equal(home, new DirectoryInfo(link).LinkTarget);

            // --check reads nothing through the link either, and says the same.
            var (checkExit, _, checkError) = Run("generate", "--check", "--root", root);
            Assert.Equal(2, checkExit);
            Assert.Contains(message.Replace("{home}", home, StringComparison.Ordinal), Flat(checkError), StringComparison.Ordinal);
            Assert.Equal(homeBefore, Repo.Snapshot(home));
        }
        finally
        {
            var link = new DirectoryInfo(Path.Combine(root, linked));
            if (link.LinkTarget is not null) link.Delete();
            Directory.Delete(root, recursive: true);
        }
    }
}

public sealed class DiskFullAttackTests : SafeWriteAttack
{
    [Fact]
    public void ExportThatRunsOutOfSpace_ExitsTwo_KeepsTheOldFile_AndLeavesNoPartialFile()
    {
        // A 256 KiB file system (mount needs root: the tests have it): the export fails part-way through.
        var small = Path.Combine(Folder, "small");
        Directory.CreateDirectory(small);
        Sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small);
        try
        {
            var path = Path.Combine(small, "out.ndjson");
            File.WriteAllText(path, "old export\n");

            var (exit, _, error) = Export(path, count: 100_000);

            Assert.Equal(2, exit);
            Assert.Contains("cannot write the export there", Flat(error), StringComparison.Ordinal);
            Assert.Contains("No space left on device", Flat(error), StringComparison.Ordinal);
            Assert.Equal("old export\n", File.ReadAllText(path));
            Assert.Equal(["out.ndjson"], Directory.GetFileSystemEntries(small).Select(Path.GetFileName));
        }
        finally
        {
            Sh("umount", small);
        }
    }
}

/// <summary>Ctrl+C and SIGTERM sent to a real <c>apicontracts fixtures</c> process while it writes.</summary>
public sealed partial class SignalAttackTests : SafeWriteAttack
{
    [GeneratedRegex(@"^\.out\.ndjson\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    [Theory]
    [InlineData("INT", 130, false)]
    [InlineData("TERM", 143, true)]
    public async Task SignalDuringALongExport_RemovesThePartialFile_AndKeepsTheOldOne(string signal, int code, bool oldFile)
    {
        var path = Path.Combine(Folder, "out.ndjson");
        if (oldFile) File.WriteAllText(path, "old export\n");
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "fixtures", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--count", "1000000000", "--out", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // Wait until the temporary file holds records: the signal then comes in the middle of the write.
            string? temp = null;
            using (var waiting = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            {
                while (temp is null || new FileInfo(Path.Combine(Folder, temp)).Length < 100_000)
                {
                    if (process.HasExited) Assert.Fail($"the export ended early (exit {process.ExitCode}): {await error}");
                    await Task.Delay(50, waiting.Token);
                    temp = Leftovers().SingleOrDefault(n => n.EndsWith(".tmp", StringComparison.Ordinal));
                }
            }

            Assert.Matches(TempName(), temp);
            Assert.DoesNotContain(process.Id.ToString(CultureInfo.InvariantCulture), temp, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(code, process.ExitCode);
            Assert.Contains($"stopped by SIG{signal}: {path} was not written (it keeps what it held) and no partial file is left", Flat(await error), StringComparison.Ordinal);
            Assert.Empty(Leftovers());
            if (oldFile) Assert.Equal("old export\n", File.ReadAllText(path));
            else Assert.False(File.Exists(path));
            Assert.DoesNotContain("fixtures: wrote", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
