using System.Security.Cryptography;
using System.Text;
using Mono.Unix;

namespace ApiContracts.Core.Generation;

/// <summary>
/// The one way the tools write a file (generated artifacts, fixture exports, reports): readers see the
/// old content or the new, never a part, and nothing but a regular file is ever replaced.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The target must be a new path or an existing regular file. A directory, a device (such as
/// <c>/dev/full</c> or one made with <c>mknod</c>), a FIFO, a socket or a symbolic link (whatever it
/// points at) is refused with <see cref="NotARegularFileException"/>, and left as it was. A link is
/// refused rather than replaced, because either choice (writing through it, or turning it into a file)
/// would surprise someone; the message says to give the real path.</item>
/// <item>The content goes to a temporary file beside the target, named <c>.&lt;name&gt;.&lt;32 random hex
/// digits&gt;.tmp</c> from a cryptographic generator and created exclusively (<see cref="FileMode.CreateNew"/>,
/// which fails on any existing entry, a planted link included, instead of following it). It is flushed
/// to disk, given the old file's permissions, and renamed over the target in one step.</item>
/// <item>On any failure or cancellation (the CLI turns Ctrl+C and SIGTERM into one) the temporary file
/// is removed and the target keeps its old content.</item>
/// </list>
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="content"/> as UTF-8 to <paramref name="path"/>, creating its folder if needed.</summary>
    /// <exception cref="NotARegularFileException">When the path holds something other than a regular file.</exception>
    public static void Write(string path, string content, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, (stream, _) => stream.Write(Utf8.GetBytes(content)), cancel);
    }

    /// <summary>
    /// Writes what <paramref name="write"/> puts in the stream it is given to <paramref name="path"/>,
    /// creating the folder if needed; <paramref name="write"/> should stop when the token is cancelled.
    /// </summary>
    /// <exception cref="NotARegularFileException">When the path holds something other than a regular file.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancel"/> fired; nothing was written.</exception>
    public static void Write(string path, Action<Stream, CancellationToken> write, CancellationToken cancel = default) =>
        Write(path, write, cancel, RandomTempName);

    /// <summary>Throws when <paramref name="path"/> holds anything but a regular file; a missing path is fine.</summary>
    /// <param name="path">The file to be written.</param>
    /// <param name="label">How messages name it, such as <c>--out report.xml</c> (default: the path).</param>
    /// <exception cref="NotARegularFileException">Naming what is there.</exception>
    public static void CheckTarget(string path, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Obstacle(path) is { } what)
        {
            var hint = what.StartsWith("a symbolic link", StringComparison.Ordinal)
                ? "links are neither written through nor replaced: give the real path, or remove the link"
                : "only a new path or an existing regular file is written, and this is left as it is";
            throw new NotARegularFileException($"{label ?? path}: refusing to write: it is {what}, not a regular file ({hint})");
        }
    }

    /// <summary>What is at <paramref name="path"/> if it is not a regular file (<c>a directory</c>, <c>a character device</c>, ...); null when the path is free or a regular file.</summary>
    public static string? Obstacle(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            if (full.StartsWith(@"\\.\", StringComparison.Ordinal)) return "a device";
            var info = new FileInfo(full);
            if (info.LinkTarget is { } target) return $"a symbolic link (to {target})";
            return Directory.Exists(full) ? "a directory" : null;
        }

        var entry = UnixFileSystemInfo.GetFileSystemEntry(full);
        if (!entry.Exists) return null;
        return entry.FileType switch
        {
            FileTypes.RegularFile => null,
            FileTypes.Directory => "a directory",
            FileTypes.SymbolicLink => $"a symbolic link (to {File.ResolveLinkTarget(full, returnFinalTarget: false)?.ToString() ?? "?"})",
            FileTypes.CharacterDevice => "a character device",
            FileTypes.BlockDevice => "a block device",
            FileTypes.Fifo => "a FIFO (named pipe)",
            FileTypes.Socket => "a socket",
            _ => "a special file",
        };
    }

    /// <summary>The write, with the temporary name drawn by <paramref name="tempName"/> (tests plant entries at the names it gives).</summary>
    internal static void Write(string path, Action<Stream, CancellationToken> write, CancellationToken cancel, Func<string, string> tempName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        CheckTarget(full, path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        cancel.ThrowIfCancellationRequested();
        var (temp, stream) = CreateTemp(directory, Path.GetFileName(full), tempName);
        var renamed = false;
        try
        {
            using (stream)
            {
                write(stream, cancel);
                cancel.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }

            KeepPermissions(full, temp);
            // Checked again just before the rename, which would replace whatever is there by then.
            CheckTarget(full, path);
            cancel.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
            renamed = true;
        }
        finally
        {
            if (!renamed) Remove(temp);
        }
    }

    private static string RandomTempName(string name) =>
        $".{(name.Length > 100 ? name[..100] : name)}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}.tmp";

    private static (string Path, FileStream Stream) CreateTemp(string directory, string name, Func<string, string> tempName)
    {
        for (var attempt = 1; ; attempt++)
        {
            var temp = Path.Combine(directory, tempName(name));
            try
            {
                // CreateNew is O_CREAT|O_EXCL: it fails on any existing entry, a dangling link included, and never follows one.
                return (temp, new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 }));
            }
            catch (IOException) when (attempt < 8 && Taken(temp))
            {
                // Someone holds that name (by chance or by plan): draw another.
            }
        }
    }

    private static bool Taken(string path) =>
        OperatingSystem.IsWindows() ? File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null : UnixFileSystemInfo.GetFileSystemEntry(path).Exists;

    private static void KeepPermissions(string target, string temp)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(target)) return;
        try
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        }
        catch (IOException)
        {
            // The target vanished meanwhile: the new file keeps the default permissions.
        }
    }

    private static void Remove(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than a leftover temporary file.
        }
    }
}

/// <summary>Thrown when a write would replace something other than a regular file: a directory, device, FIFO, socket or link.</summary>
public sealed class NotARegularFileException : IOException
{
    /// <summary>Creates the exception with a message naming the path and what is there.</summary>
    public NotARegularFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public NotARegularFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without detail.</summary>
    public NotARegularFileException()
    {
    }
}
