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
    [InlineData("--admin-token", "short", "admin token: must be at least 8 characters")]
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
            Assert.Contains("missing-request", rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
