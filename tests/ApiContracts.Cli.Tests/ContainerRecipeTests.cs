using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary>
/// The Dockerfile's entry point, run here as the container runs it (Docker itself is not needed): every
/// interface, the admin token from the environment, stopped by SIGTERM as `docker stop` does.
/// </summary>
public sealed class ContainerRecipeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-container-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // ENTRYPOINT ["dotnet", "/app/apicontracts.dll", "serve", ...]: the arguments after the dll, with port 0 for the test.
    private static string[] EntryPointArguments()
    {
        var line = File.ReadAllLines(Path.Combine(Repo.Root, "Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        var words = JsonNode.Parse(line["ENTRYPOINT ".Length..])!.AsArray().Select(w => w!.ToString()).ToList();
        Assert.Equal(["dotnet", "/app/apicontracts.dll", "serve", "--host", "0.0.0.0"], words.Take(5));
        var args = words.Skip(2).ToList();
        args[args.IndexOf("--port") + 1] = "0";
        return [.. args];
    }

    [Fact]
    public async Task EntryPoint_WithTheTokenInTheEnvironment_ServesEveryInterface_AndStopsOnSigterm()
    {
        const string token = "container-secret-0123";
        using var process = Start(EntryPointArguments(), token);
        try
        {
            string? url = null;
            while (url is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                url = Regex.Match(line, "listening on (http://\\S+)") is { Success: true } m ? m.Groups[1].Value : null;
            }

            Assert.NotNull(url);
            Assert.StartsWith("http://0.0.0.0:", url, StringComparison.Ordinal);
            var local = url.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
            using var client = new HttpClient();
            Assert.Equal(401, (int)(await client.GetAsync(new Uri(local + "/__stub/requests"))).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(200, (int)(await client.GetAsync(new Uri(local + "/__stub/requests"))).StatusCode);
            Assert.False(File.Exists(Path.Combine(_folder, ".apicontracts-admin-token")), "a given token is not written to a file");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void EntryPoint_WithoutAToken_RefusesToStart_SayingWhatToGive()
    {
        using var process = Start(EntryPointArguments(), token: null);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--host 0.0.0.0 is reachable from other machines: give --admin-token", error, StringComparison.Ordinal);
    }

    private Process Start(string[] args, string? token)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "apicontracts.dll"), .. args])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("APICONTRACTS_ADMIN_TOKEN");
        if (token is not null) start.Environment["APICONTRACTS_ADMIN_TOKEN"] = token;
        return Process.Start(start)!;
    }
}
