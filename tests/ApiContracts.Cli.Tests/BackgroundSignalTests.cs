using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary>
/// A script that starts the server in the background (<c>apicontracts serve &amp;</c>) and later stops it: a
/// non-interactive shell starts background jobs with SIGINT ignored, so these run the real process that way.
/// </summary>
public sealed class BackgroundSignalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-bg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Serve_StartedInTheBackgroundByAScript_StopsCleanlyOnTheSignal(string signal)
    {
        var job = Start(["serve", "--port", "0", "--root", Repo.Root]);
        try
        {
            var url = await job.Url();
            job.AssertStartedAsAScriptDoes_AndCatchesSigint();
            using (var client = new HttpClient())
            {
                client.DefaultRequestHeaders.Add("X-Auth-Token", "t");
                Assert.Contains("\"count\"", await client.GetStringAsync(new Uri(url + "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail")), StringComparison.Ordinal);
            }

            var (exit, log) = await job.Stop(signal);

            Assert.Equal(0, exit);
            Assert.Contains("stub server: stopping", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_folder, ".apicontracts-admin-token")), "the token file outlived the server");
        }
        finally
        {
            job.Kill();
        }
    }

    [Fact]
    public async Task Mock_StartedInTheBackgroundByAScript_StopsOnSigint_AndPrintsItsMismatchesAsLines()
    {
        var pact = Path.Combine(_folder, "pact.json");
        await File.WriteAllTextAsync(pact, """
            {"consumer": {"name": "web"}, "provider": {"name": "evs"}, "metadata": {"pactSpecification": {"version": "3.0.0"}},
             "interactions": [
              {"description": "a page of two", "request": {"method": "GET", "path": "/v2/p/cloudsnapshots/detail", "query": {"limit": ["2"]}},
               "response": {"status": 200, "body": {"count": 2}}},
              {"description": "another project", "request": {"method": "GET", "path": "/v2/q/cloudsnapshots/detail"},
               "response": {"status": 200, "body": {"count": 0}}}]}
            """);
        var job = Start(["mock", "--pact", pact, "--port", "0"]);
        try
        {
            var url = await job.Url();
            using (var client = new HttpClient())
            {
                Assert.NotEqual(200, (int)(await client.GetAsync(new Uri(url + "/v2/p/cloudsnapshots/detail?limit=3"))).StatusCode);
                Assert.NotEqual(200, (int)(await client.GetAsync(new Uri(url + "/nowhere"))).StatusCode);
            }

            var (exit, log) = await job.Stop("INT");

            Assert.Equal(1, exit);
            Assert.Contains("mock: 3 problem(s) with the requests received:", log, StringComparison.Ordinal);
            Assert.Contains("  mismatch    GET /v2/p/cloudsnapshots/detail: query limit: Expected query parameter 'limit' with value '2' but was '3'", log, StringComparison.Ordinal);
            Assert.Contains("  unexpected  GET /nowhere: no interaction in the pact matches it", log, StringComparison.Ordinal);
            Assert.Contains("  missing     GET /v2/q/cloudsnapshots/detail: expected by the pact, never received", log, StringComparison.Ordinal);
        }
        finally
        {
            job.Kill();
        }
    }

    private Job Start(string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        var command = string.Join(' ', new[] { "dotnet", dll }.Concat(args).Select(Quote));
        // As a script does it: the job in the background of a non-interactive shell, which then goes on.
        var script = $"({command} > log.txt 2>&1 & pid=$!; echo $pid > pid.txt; wait $pid; echo \"exit $?\" > exit.txt) & ";
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = _folder })!;
        shell.WaitForExit();
        return new Job(_folder);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed class Job(string folder)
    {
        private int Pid => int.Parse(File.ReadAllText(Path.Combine(folder, "pid.txt")).Trim(), CultureInfo.InvariantCulture);

        public async Task<string> Url()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var log = Path.Combine(folder, "log.txt");
                if (File.Exists(log) && Regex.Match(await File.ReadAllTextAsync(log, timeout.Token), "listening on (http://\\S+)") is { Success: true } m) return m.Groups[1].Value;
                if (File.Exists(Path.Combine(folder, "exit.txt"))) Assert.Fail("the job ended before listening: " + await File.ReadAllTextAsync(log, timeout.Token));
                await Task.Delay(50, timeout.Token);
            }
        }

        // SIGINT is bit 2 of the masks in /proc/<pid>/status.
        private static bool Has(int pid, string mask) =>
            (Convert.ToUInt64(File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith(mask + ":", StringComparison.Ordinal))[(mask.Length + 1)..].Trim(), 16) & 2) != 0;

        private static int Parent(int pid) =>
            int.Parse(File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim(), CultureInfo.InvariantCulture);

        /// <summary>The shell that started the job ignores SIGINT (so the job inherited that), and the job catches it anyway.</summary>
        public void AssertStartedAsAScriptDoes_AndCatchesSigint()
        {
            Assert.True(Has(Parent(Pid), "SigIgn"), "the job's shell does not ignore SIGINT: not the situation under test");
            Assert.True(Has(Pid, "SigCgt"), "the job does not catch SIGINT");
        }

        public async Task<(int Exit, string Log)> Stop(string signal)
        {
            using (var kill = Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var exitFile = Path.Combine(folder, "exit.txt");
            while (!File.Exists(exitFile) || (await File.ReadAllTextAsync(exitFile, timeout.Token)).Trim().Length == 0) await Task.Delay(50, timeout.Token);
            var exit = int.Parse((await File.ReadAllTextAsync(exitFile, timeout.Token)).Trim()["exit ".Length..], CultureInfo.InvariantCulture);
            return (exit, await File.ReadAllTextAsync(Path.Combine(folder, "log.txt"), timeout.Token));
        }

        public void Kill()
        {
            try
            {
                if (File.Exists(Path.Combine(folder, "pid.txt"))) Process.GetProcessById(Pid).Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
