using System.Diagnostics;
using System.Text;

namespace ApiContracts.Packaging.Tests;

/// <summary>Runs a program to completion and captures what it prints; the environment can be added to.</summary>
internal static class Shell
{
    public static (int Exit, string Out, string Err) Run(string file, IEnumerable<string> args, string folder, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = Start(file, args, folder, environment);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time:\n{output}\n{error}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs and fails the test, with everything printed, unless the exit code is 0.</summary>
    public static string Ok(string file, IEnumerable<string> args, string folder, IDictionary<string, string>? environment = null)
    {
        var list = args.ToList();
        var (exit, output, error) = Run(file, list, folder, environment);
        Assert.True(exit == 0, $"{file} {string.Join(' ', list)} exited {exit}\n--- stdout\n{output}\n--- stderr\n{error}");
        return output;
    }

    public static ProcessStartInfo Start(string file, IEnumerable<string> args, string folder, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The test host's own MSBuild settings must not leak into the builds it starts.
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }
}
