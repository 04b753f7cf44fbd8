using System.Text;

namespace ApiContracts.Cli.Commands;

/// <summary>
/// Where <c>serve</c>'s admin token comes from: <c>--admin-token</c> (visible to every local user in the
/// process list), <c>--admin-token-file</c>, the <c>APICONTRACTS_ADMIN_TOKEN</c> variable (both readable by
/// the owner only), or nowhere, and then a random one is made. A token the user gives is never printed.
/// </summary>
/// <param name="Token">The token given, or null when none was (a random one is made, or <c>--no-admin-auth</c>).</param>
/// <param name="Origin">How the banner names where it came from, such as <c>--admin-token-file /run/secrets/stub</c>.</param>
internal sealed record AdminTokenSource(string? Token, string Origin)
{
    /// <summary>The environment variable read when neither option is given.</summary>
    public const string Variable = "APICONTRACTS_ADMIN_TOKEN";

    // A token file holds the token alone; anything longer is the wrong file.
    private const int MaxFileBytes = 4096;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads the token from the options or the environment. With <paramref name="open"/>
    /// (<c>--no-admin-auth</c>) the variable is ignored and either option is a contradiction.
    /// </summary>
    /// <returns>The source, or a problem to report (exit 2); a problem never contains the token.</returns>
    public static (AdminTokenSource? Source, string? Problem) Resolve(string? argument, string? file, bool open, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (argument is not null && file is not null) return (null, "--admin-token and --admin-token-file both give the admin token: give one");
        if (open && (argument ?? file) is not null) return (null, $"--no-admin-auth and {(argument is null ? "--admin-token-file" : "--admin-token")} contradict each other: give one");
        if (argument is not null)
        {
            warn($"--admin-token is visible to every local user in the process list (ps, /proc/<pid>/cmdline) and in shell history: prefer --admin-token-file <path> or ${Variable}");
            return Checked(argument, "--admin-token");
        }

        if (file is not null) return ReadFile(file, warn);
        if (!open && Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment) return Checked(fromEnvironment.Trim(), $"${Variable}");
        return (new AdminTokenSource(null, open ? "--no-admin-auth" : "generated"), null);
    }

    private static (AdminTokenSource?, string?) Checked(string token, string origin)
    {
        // The same rule as StubServerOptions, worded with where the token came from and without echoing it.
        if (token.Length < 8 || token.Any(char.IsWhiteSpace)) return (null, $"{origin}: the admin token must be at least 8 characters, without spaces");
        return (new AdminTokenSource(token, origin), null);
    }

    private static (AdminTokenSource?, string?) ReadFile(string file, Action<string> warn)
    {
        var origin = $"--admin-token-file {file}";
        if (file.Length == 0) return (null, "--admin-token-file: give the path of a file holding the admin token");
        if (Directory.Exists(file)) return (null, $"{origin}: it is a folder; give the file holding the admin token");
        byte[] bytes;
        try
        {
            // Read once, at most a little more than a token can be: a device or a huge file is refused, not read.
            // A pipe is fine (--admin-token-file <(pass show stub) gives /dev/fd/63).
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxFileBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            if (length > MaxFileBytes) return (null, $"{origin}: longer than {MaxFileBytes} bytes; the file should hold the admin token alone");
            bytes = buffer[..length];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{origin}: cannot be read ({ex.Message})");
        }

        string token;
        try
        {
            token = Utf8.GetString(bytes).Trim();
        }
        catch (DecoderFallbackException)
        {
            return (null, $"{origin}: not UTF-8 text; the file should hold the admin token alone");
        }

        if (token.Length == 0) return (null, $"{origin}: the file is empty; put the admin token in it");
        if (!OperatingSystem.IsWindows() && File.Exists(file))
        {
            var mode = File.GetUnixFileMode(file);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & others) != 0)
            {
                // A warning, not a refusal: secrets mounted read-only by Docker or Kubernetes are often 0444 or 0644.
                warn($"{origin}: other users may read this file (mode {Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0')}); 'chmod 600 {file}' keeps the token to its owner");
            }
        }

        return Checked(token, origin);
    }
}
