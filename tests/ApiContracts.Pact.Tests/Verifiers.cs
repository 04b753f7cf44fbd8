using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Pact.Tests;

/// <summary>What a verifier printed, and which interactions it reported as verified.</summary>
/// <param name="Exit">The process's exit code.</param>
/// <param name="Output">Its standard output and error.</param>
public sealed record VerifierRun(int Exit, string Output);

/// <summary>
/// Runs the independent Pact verifiers the build fetches: the Pact CLI's <c>pact verifier</c> (npm
/// <c>@pact-foundation/pact-cli-linux-x64</c>) and pact-js's <c>Verifier</c> (npm <c>@pact-foundation/pact</c>,
/// installed with npm ci into obj/pact-js), each as a separate process with <c>PACT_DO_NOT_TRACK=true</c>.
/// </summary>
internal static partial class Verifiers
{
    /// <summary>The reference pacts, sorted.</summary>
    public static IReadOnlyList<string> ReferencePacts { get; } =
        Directory.GetFiles(Path.Combine(Repo.Root, "contracts", "pacts"), "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>Every interaction description of <paramref name="pacts"/>.</summary>
    public static IReadOnlyList<string> Descriptions(IEnumerable<string> pacts) =>
        pacts.SelectMany(p => JsonNode.Parse(File.ReadAllText(p))!["interactions"]!.AsArray().Select(i => (string)i!["description"]!)).ToList();

    /// <summary>The stub's state-change URL, with the admin token in the query as verifiers need.</summary>
    public static string StateUrl(StubServer stub) => stub.Url + "/__stub/provider-states?admin_token=" + stub.AdminToken;

    /// <summary><c>pact verifier --file ... --state-change-url ...</c> plus <paramref name="flags"/>.</summary>
    public static VerifierRun PactCli(StubServer stub, IEnumerable<string> pacts, params string[] flags)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "tools", "pact");
        Assert.True(File.Exists(cli), $"{cli} is missing: the build fetches it from npm (@pact-foundation/pact-cli-linux-x64@18.1.2)");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute);
        var url = new Uri(stub.Url);
        List<string> arguments = ["verifier", "--hostname", url.Host, "--port", url.Port.ToString(CultureInfo.InvariantCulture), "--state-change-url", StateUrl(stub), "--no-colour"];
        foreach (var pact in pacts) arguments.AddRange(["--file", pact]);
        arguments.AddRange(flags);
        return Run(cli, arguments, AppContext.BaseDirectory);
    }

    /// <summary><c>node verify.js</c>: pact-js's Verifier with a state handler per state that forwards to the stub.</summary>
    public static VerifierRun PactJs(StubServer stub, IEnumerable<string> pacts, string? stateUrl = null)
    {
        var folder = Path.Combine(Repo.Root, "tests", "ApiContracts.Pact.Tests", "obj", "pact-js");
        var script = Path.Combine(folder, "verify.js");
        Assert.True(File.Exists(Path.Combine(folder, "node_modules", "@pact-foundation", "pact", "package.json")), $"{folder} has no pact-js: the build installs it with npm ci (eng/NpmProject.targets)");
        return Run("node", [script, stub.Url, stateUrl ?? StateUrl(stub), .. pacts], folder);
    }

    /// <summary>The interactions the Pact CLI reported as verified, each with whether every check of it was OK.</summary>
    public static IReadOnlyDictionary<string, bool> CliResults(string output)
    {
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (CliInteraction().Match(line) is { Success: true } m)
            {
                current = m.Groups[1].Value;
                results[current] = true;
            }
            else if (current is not null && line.Contains("FAILED", StringComparison.Ordinal))
            {
                results[current] = false;
            }
        }

        return results;
    }

    /// <summary>pact-js's closing line: (interactions, failed), or null when it printed none.</summary>
    public static (int Interactions, int Failed)? JsSummary(string output) =>
        JsLine().Match(output) is { Success: true } m ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;

    private static VerifierRun Run(string file, IEnumerable<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["PACT_DO_NOT_TRACK"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hung verifier, not a timing assertion: a run takes seconds.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} did not finish in 5 minutes");
        }

        return new VerifierRun(process.ExitCode, output.Result + error.Result);
    }

    // "  evs-snapshots-detail: the default page (0s loading, 27ms verification)"; on a loaded machine a time
    // can read "1s 204ms", with a space.
    [GeneratedRegex(@"^  (\S.*) \([^()]* loading, [^()]* verification\)\s*$")]
    private static partial Regex CliInteraction();

    [GeneratedRegex(@"pact-js: (\d+) interactions, (\d+) failed")]
    private static partial Regex JsLine();
}
