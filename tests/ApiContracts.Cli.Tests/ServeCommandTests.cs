using System.Diagnostics;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

public class ServeCommandTests
{
    [Fact]
    public async Task Serve_PrintsTheBanner_AnswersOverHttp_AndStopsCleanlyOnSigint()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var folder = Directory.CreateTempSubdirectory("apicontracts-serve-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--port", "0", "--size", "7", "--profile", "edge", "--root", Repo.Root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        using var process = Process.Start(start)!;
        try
        {
            var banner = new List<string>();
            string? url = null;
            while (url is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                banner.Add(line);
                url = Regex.Match(line, "listening on (http://\\S+)") is { Success: true } m ? m.Groups[1].Value : null;
            }

            Assert.NotNull(url);
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) banner.Add(line);
            Assert.Contains(banner, l => l.Contains("known instance_id: 11eddb33-140b-4e51-b1e2-6ec265373ca3", StringComparison.Ordinal));
            Assert.Contains(banner, l => l.Contains("7 records per parent, profile edge,", StringComparison.Ordinal));
            var token = banner.Select(l => Regex.Match(l, "admin token: ([0-9a-f]{64})")).Single(m => m.Success).Groups[1].Value;
            // The console link carries the token in the fragment, which browsers never send to a server.
            Assert.Contains(banner, l => l.Contains($"{url}/__stub/console/#admin_token={token}", StringComparison.Ordinal));
            var file = Path.Combine(folder, ".apicontracts-admin-token");
            Assert.Equal(token, File.ReadAllText(file).Trim());
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            using (var anonymous = new HttpClient())
            {
                Assert.Equal(401, (int)(await anonymous.PutAsync(new Uri(url + "/__stub/scenario"), new StringContent("{\"default\": \"empty\"}"))).StatusCode);
                anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                Assert.Equal(200, (int)(await anonymous.PutAsync(new Uri(url + "/__stub/scenario"), new StringContent("{\"default\": null}"))).StatusCode);
            }

            using var client = new HttpClient();
            client.DefaultRequestHeaders.Add("X-Auth-Token", "t");
            var evs = await client.GetStringAsync(new Uri(url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail"));
            Assert.Contains("\"count\":7", evs, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopping", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, ".apicontracts-admin-token")), "the token file outlived the server");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TwoServers_InOneFolder_LeaveEachOthersTokenFileAlone_AndAStaleFileIsReplaced()
    {
        // Attack review 2, D: the second server overwrote the first's token file, and deleted it on stop.
        var folder = Directory.CreateTempSubdirectory("apicontracts-serve-two-").FullName;
        var file = Path.Combine(folder, ".apicontracts-admin-token");
        await File.WriteAllTextAsync(file, "left by a killed server\n");
        Process? first = null, second = null;
        try
        {
            (first, var firstToken) = await StartServe(folder);
            Assert.Equal(firstToken, File.ReadAllText(file).Trim());

            (second, var secondToken) = await StartServe(folder);
            Assert.NotEqual(firstToken, secondToken);
            Assert.Equal(firstToken, File.ReadAllText(file).Trim());

            var secondError = await Stop(second);
            Assert.Contains("another stub server running in this folder holds", secondError, StringComparison.Ordinal);
            Assert.Equal(firstToken, File.ReadAllText(file).Trim());

            await Stop(first);
            Assert.False(File.Exists(file), "the first server's token file outlived it");
        }
        finally
        {
            foreach (var process in new[] { first, second })
            {
                if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
                process?.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }

        static async Task<(Process Process, string Token)> StartServe(string folder)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
            var start = new ProcessStartInfo("dotnet", [dll, "serve", "--port", "0", "--size", "3", "--root", Repo.Root])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            var process = Process.Start(start)!;
            string? token = null;
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                if (Regex.Match(line, "admin token: ([0-9a-f]{64})") is { Success: true } m) token = m.Groups[1].Value;
            }

            Assert.NotNull(token);
            return (process, token);
        }

        static async Task<string> Stop(Process process)
        {
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            return await process.StandardError.ReadToEndAsync();
        }
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.10")]
    public void Serve_BeyondLoopback_WithoutAnAdminToken_RefusesToStart(string host)
    {
        var (exit, output, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--host", host]);
        var (openExit, _, openError) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--host", host, "--no-admin-auth"]);

        Assert.Equal(2, exit);
        Assert.Contains($"--host {host} is reachable from other machines: give --admin-token", error.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.Equal(2, openExit);
        Assert.Contains("--no-admin-auth is refused there", openError.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cors-origin", "null", "cors origin 'null'")]
    [InlineData("--admin-token", "short", "--admin-token: the admin token must be at least 8 characters")]
    [InlineData("--allow-host", "http://x/", "host name 'http://x/'")]
    public void Serve_BadSecurityOptions_ExitTwoNamingTheOption(string option, string value, string words)
    {
        var (exit, _, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", option, value]);

        Assert.Equal(2, exit);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--latency", "fast", "--latency 'fast'")]
    [InlineData("--fault-rate", "2", "fault rate 2")]
    [InlineData("--scenario", "chaos", "scenario 'chaos'")]
    [InlineData("--port", "70000", "port 70000")]
    [InlineData("--profile", "wild", "--profile: Argument 'wild' not recognized")]
    public void Serve_BadOptions_ExitTwoNamingTheOption(string option, string value, string words)
    {
        string[] port = option == "--port" ? [] : ["--port", "0"];
        var (exit, _, error) = CliRunner.Run(["serve", "--root", Repo.Root, .. port, option, value]);

        Assert.Equal(2, exit);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PackWithALinkOutOfItsFilesFolder_ExitsTwoNamingTheFileAndKey_AndServesNothing()
    {
        // Attack report 1, finding 9: __files/link.txt -> a secret, named by "bodyFileName": "link.txt".
        var folder = Directory.CreateTempSubdirectory("apicontracts-serve-pack-link").FullName;
        try
        {
            var secret = Path.Combine(folder, "passwd");
            File.WriteAllText(secret, "root:x:0:0");
            var pack = Path.Combine(folder, "pack");
            Directory.CreateDirectory(Path.Combine(pack, "mappings"));
            Directory.CreateDirectory(Path.Combine(pack, "__files"));
            File.CreateSymbolicLink(Path.Combine(pack, "__files", "link.txt"), secret);
            var mapping = Path.Combine(pack, "mappings", "leak.json");
            File.WriteAllText(mapping, """{"request": {"method": "GET", "urlPath": "/pw"}, "response": {"status": 200, "bodyFileName": "link.txt"}}""");

            // A server that started would run until stopped: the refusal must come instead, whatever the wait.
            var (exit, output, error) = await Task.Run(() => CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--pack", pack])).WaitAsync(TimeSpan.FromMinutes(3));

            Assert.Equal(2, exit);
            Assert.Contains($"{mapping} response: bodyFileName 'link.txt' is outside the pack's __files folder (after resolving .. and links)", error.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
            Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
            Assert.DoesNotContain("root:x", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// Attack report 1, finding 15: the admin token from a file or the environment, kept out of the process
/// list, and a token the user gives printed nowhere.
/// </summary>
public sealed class ServeAdminTokenTests : IDisposable
{
    private const string Secret = "file-token-7f3a9c1e5b";

    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-serve-token").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string TokenFile(string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_folder, "stub-token");
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
        return path;
    }

    public static TheoryData<string> Sources() => new("file", "environment");

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Serve_TokenFromAFileOrTheEnvironment_GuardsTheAdminEndpoints_AndIsNeitherPrintedNorOnTheCommandLine(string source)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        List<string> args = [dll, "serve", "--port", "0", "--root", Repo.Root];
        if (source == "file") args.AddRange(["--admin-token-file", TokenFile(Secret + "\n")]);
        var start = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        start.Environment.Remove("APICONTRACTS_ADMIN_TOKEN");
        if (source == "environment") start.Environment["APICONTRACTS_ADMIN_TOKEN"] = Secret;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) lines.Add(line);
            var url = lines.Select(l => Regex.Match(l, "listening on (http://\\S+)")).Single(m => m.Success).Groups[1].Value;
            var commandLine = await File.ReadAllTextAsync($"/proc/{process.Id}/cmdline");

            using var client = new HttpClient();
            var anonymous = await client.PutAsync(new Uri(url + "/__stub/scenario"), new StringContent("{\"default\": null}"));
            using var admin = new HttpRequestMessage(HttpMethod.Put, url + "/__stub/scenario") { Content = new StringContent("{\"default\": null}") };
            admin.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Secret);
            var authorised = await client.SendAsync(admin);

            Assert.Equal(401, (int)anonymous.StatusCode);
            Assert.Equal(200, (int)authorised.StatusCode);
            Assert.DoesNotContain(Secret, commandLine, StringComparison.Ordinal);
            // The right process's command line was read: the one that holds the serve arguments.
            Assert.Contains($"serve\0--port\00\0--root\0{Repo.Root}", commandLine, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
            var origin = source == "file" ? $"--admin-token-file {Path.Combine(_folder, "stub-token")}" : "$APICONTRACTS_ADMIN_TOKEN";
            Assert.Contains(lines, l => l.Contains($"admin token: given by {origin} (not shown)", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(_folder, ".apicontracts-admin-token")), "a given token was written to the token file");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.DoesNotContain(Secret, await errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_TokenOnTheCommandLine_IsNotPrinted_AndAWarningPointsAtTheFile()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--port", "0", "--root", Repo.Root, "--admin-token", Secret]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) lines.Add(line);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var error = (await process.StandardError.ReadToEndAsync()).ReplaceLineEndings(" ");
        Assert.Contains(lines, l => l.Contains("admin token: given by --admin-token (not shown)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains("warning: --admin-token is visible to every local user in the process list", error, StringComparison.Ordinal);
        Assert.Contains("prefer --admin-token-file <path> or $APICONTRACTS_ADMIN_TOKEN", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_TokenFileReadableByOthers_IsWarnedAbout_WithoutShowingTheToken()
    {
        var file = TokenFile(Secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // --port 70000 stops the start after the token is read, so the warning is all there is to see.
        var (exit, output, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "70000", "--admin-token-file", file]);

        Assert.Equal(2, exit);
        Assert.Contains($"warning: --admin-token-file {file}: other users may read this file (mode 644); 'chmod 600 {file}' keeps the token to its owner", error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "--admin-token-file {file}: cannot be read (Could not find file")]
    [InlineData("empty", "--admin-token-file {file}: the file is empty; put the admin token in it")]
    [InlineData("short", "--admin-token-file {file}: the admin token must be at least 8 characters, without spaces")]
    [InlineData("spaces", "--admin-token-file {file}: the admin token must be at least 8 characters, without spaces")]
    [InlineData("long", "--admin-token-file {file}: longer than 4096 bytes; the file should hold the admin token alone")]
    [InlineData("folder", "--admin-token-file {file}: it is a folder; give the file holding the admin token")]
    [InlineData("not-utf8", "--admin-token-file {file}: not UTF-8 text")]
    [InlineData("no-auth", "--no-admin-auth and --admin-token-file contradict each other: give one")]
    [InlineData("both", "--admin-token and --admin-token-file both give the admin token: give one")]
    public void Serve_BadTokenFile_ExitsTwoNamingTheOption_WithoutShowingItsContent(string kind, string message)
    {
        var file = kind switch
        {
            "missing" => Path.Combine(_folder, "no-such-token"),
            "empty" => TokenFile(" \n"),
            "short" => TokenFile("s3cr\n"),
            "spaces" => TokenFile("two words-in-a-token"),
            "long" => TokenFile(new string('x', 5000)),
            "folder" => _folder,
            _ => TokenFile(Secret),
        };
        if (kind == "not-utf8") File.WriteAllBytes(file, [0x73, 0xFF, 0x65, 0x63, 0x72, 0x65, 0x74, 0x21, 0x21]);
        string[] extra = kind switch { "no-auth" => ["--no-admin-auth"], "both" => ["--admin-token", "another-token-1"], _ => [] };

        var (exit, output, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--admin-token-file", file, .. extra]);

        Assert.Equal(2, exit);
        Assert.Contains(message.Replace("{file}", file, StringComparison.Ordinal), error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain("two words", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_BeyondLoopback_AcceptsTheTokenFromTheEnvironment_AndSaysSoWhenItIsMissing()
    {
        // Without a token the refusal names the private ways to give one.
        var (exit, _, error) = CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--host", "0.0.0.0"]);

        Assert.Equal(2, exit);
        Assert.Contains("give --admin-token-file <path> (or set APICONTRACTS_ADMIN_TOKEN)", error.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }
}

/// <summary>Attack report 1, finding 16: an address the server cannot listen on is refused at once, naming --host.</summary>
public sealed class ServeHostTests
{
    [Theory]
    [InlineData("::ffff:127.0.0.1", "--host ::ffff:127.0.0.1: an IPv4-mapped IPv6 address cannot be listened on; give the IPv4 address 127.0.0.1")]
    [InlineData("10.255.255.1", "--host 10.255.255.1: cannot listen there (no network interface of this machine has that address); give an address of this machine: 127.0.0.1 (the default), ::1, 0.0.0.0 or :: (every interface), or localhost")]
    [InlineData("stub.invalid", "--host stub.invalid: not an IP address; give an address of this machine")]
    [InlineData("[::1]", "--host [::1]: give the address without brackets (::1)")]
    public async Task Serve_HostItCannotListenOn_ExitsTwoNamingHost_WithoutAnInternalError(string host, string message)
    {
        // The report's cases used a fixed port (then WireMock waited out its start timeout) and, beyond loopback, an admin token.
        var (exit, output, error) = await Task.Run(() => CliRunner.Run(["serve", "--root", Repo.Root, "--port", "18081", "--host", host, "--admin-token-file", TokenFile()])).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, exit);
        Assert.Contains(message, error.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_HostItCannotListenOn_WithPortZero_IsRefusedTheSameWay()
    {
        var (exit, _, error) = await Task.Run(() => CliRunner.Run(["serve", "--root", Repo.Root, "--port", "0", "--host", "::ffff:127.0.0.1"])).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, exit);
        Assert.Contains("--host ::ffff:127.0.0.1: an IPv4-mapped IPv6 address cannot be listened on", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    private static string TokenFile()
    {
        var path = CliRunner.WriteTemp("host-test-token-1");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}

public class MockCommandTests
{
    [Fact]
    public async Task Mock_ServesThePact_AndReportsMissingRequestsOnSigint()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var pact = Path.Combine(Repo.Root, "contracts", "pacts", "apicontracts-reference-evs.json");
        var start = new ProcessStartInfo("dotnet", [dll, "mock", "--pact", pact, "--port", "0"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        try
        {
            string? url = null;
            while (url is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                url = Regex.Match(line, "listening on (http://\\S+)") is { Success: true } m ? m.Groups[1].Value : null;
            }

            Assert.NotNull(url);
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail?limit=5");
            request.Headers.Add("X-Auth-Token", "t");
            request.Content = new StringContent(string.Empty);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            Assert.Equal(200, (int)(await client.SendAsync(request)).StatusCode);

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            var rest = await process.StandardOutput.ReadToEndAsync();
            Assert.Equal(1, process.ExitCode);
            // One readable line per problem, as verify prints them, not the engine's JSON.
            Assert.Matches(@"(?m)^  missing +GET /v2/\S+: expected by the pact, never received$", rest);
            Assert.DoesNotContain("missing-request", rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
