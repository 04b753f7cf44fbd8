using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiContracts.OpenApi.Tests;

/// <summary>
/// Redocly CLI and Prism as the build installed them (eng/openapi-tools, npm ci into obj/openapi-tools), run with
/// the node on PATH. A missing piece is reported with the command that brings it.
/// </summary>
internal static class OpenApiTools
{
    private static readonly string Modules = typeof(OpenApiTools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OpenApiToolsModules").Value!;

    public static string Redocly => Script(Path.Combine("@redocly", "cli", "bin", "cli.js"));

    public static string Prism => Script(Path.Combine("@stoplight", "prism-cli", "dist", "index.js"));

    private static string Script(string relative)
    {
        var path = Path.Combine(Modules, relative);
        if (File.Exists(path)) return path;
        var folder = Path.GetDirectoryName(Modules)!;
        throw new InvalidOperationException(
            $"{path} is missing. The build installs the OpenAPI tools: run `dotnet build tests/ApiContracts.OpenApi.Tests`, " +
            $"or by hand `cd {folder} && npm ci --ignore-scripts` (Node.js 20.19+ and npm needed).");
    }

    public static ProcessStartInfo Node(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        // Redocly's usage telemetry is off in tests.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        return start;
    }

    public static Process Launch(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"node could not be started ({e.Message}): install Node.js 20.19+ and put node on PATH.", e);
        }
    }

    /// <summary>Runs a tool to its end; a run past <paramref name="timeout"/> is killed and reported.</summary>
    public static async Task<(int Exit, string Out, string Err)> Run(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Launch(Node(script, arguments));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout.TotalSeconds} s:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A Prism server (mock or proxy) on a free loopback port, killed on dispose.</summary>
internal sealed partial class PrismProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrismProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Starts <c>prism &lt;arguments&gt; -h 127.0.0.1 -p 0</c> and waits for the port it listens on.</summary>
    public static async Task<PrismProcess> Start(params string[] arguments)
    {
        var start = OpenApiTools.Node(OpenApiTools.Prism, [.. arguments, "-h", "127.0.0.1", "-p", "0"]);
        var process = OpenApiTools.Launch(start);
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"prism {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Text(log)}"));
        try
        {
            // Generous: six Prism servers may start at once on a loaded two-core machine.
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(180));
            var prism = new PrismProcess(process, url);
            lock (log) prism._log.Append(log);
            process.OutputDataReceived += (_, e) => prism.Append(e.Data);
            process.ErrorDataReceived += (_, e) => prism.Append(e.Data);
            return prism;
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts one Prism per document at once; when any fails, the others are stopped and the failure
    /// is thrown, so no server outlives a failed fixture.
    /// </summary>
    public static async Task<Dictionary<(string Provider, string Version), PrismProcess>> StartAll(Func<string, string, string[]> arguments)
    {
        var starts = Documents.Providers.SelectMany(p => Documents.Versions.Select(v => (Key: (p, v), Task: Start(arguments(p, v))))).ToList();
        await Task.WhenAll(starts.Select(s => s.Task.ContinueWith(_ => { }, TaskScheduler.Default)));
        var started = starts.Where(s => s.Task.IsCompletedSuccessfully).ToDictionary(s => s.Key, s => s.Task.Result);
        if (starts.FirstOrDefault(s => !s.Task.IsCompletedSuccessfully) is { Task: { } failed })
        {
            foreach (var server in started.Values) server.Dispose();
            await failed;
        }

        return started;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            // Bounded: the last lines are what a failure needs.
            if (_log.Length > 200_000) _log.Remove(0, 100_000);
            _log.AppendLine(line);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    [GeneratedRegex(@"Prism is listening on (http://[0-9.]+:[0-9]+)")]
    private static partial Regex Listening();
}
