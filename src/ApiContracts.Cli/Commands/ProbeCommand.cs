using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ApiContracts.Conformance.Probe;
using ApiContracts.Conformance.Reports;
using ApiContracts.Core;
using ApiContracts.Core.Generation;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts probe</c>: any provider of the APIs checked over HTTP against the documented behaviour.</summary>
internal static class ProbeCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var baseUrl = new Option<string>("--base-url") { Description = "The provider's base URL, e.g. http://127.0.0.1:8080.", Required = true };
        var apis = new Option<string[]>("--api") { Description = "The APIs to check (default: all).", AllowMultipleArgumentsPerToken = true };
        var parents = new Option<string[]>("--parent") { Description = "A path parameter's value, name=value (default: the stub's known parents, from GET /__stub/parents).", AllowMultipleArgumentsPerToken = true };
        var credentials = new Option<string[]>("--credential") { Description = "A header sent with every request, header=value (e.g. X-Auth-Token=...).", AllowMultipleArgumentsPerToken = true };
        var maxRequests = new Option<int>("--max-requests") { Description = "The most requests to send; checks beyond it are skipped.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed") { Description = "Picks the page sizes, offsets, markers and unknown ids used.", DefaultValueFactory = _ => 1UL };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here." };
        var json = new Option<string?>("--json") { Description = "Write a JSON report here." };
        var timeout = new Option<int>("--timeout-ms") { Description = "Per-request timeout.", DefaultValueFactory = _ => 30_000 };
        var command = new Command("probe", "Check a provider over HTTP against the documented behaviour (paging, totals, order, filters, links, errors, actions). Exit 0 every check holds, 1 a failure, 2 bad usage or an unreachable provider.")
        {
            baseUrl, apis, parents, credentials, maxRequests, seed, junit, json, timeout,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var problems = new List<string>();
            var url = Uri.TryCreate(parsed.GetValue(baseUrl), UriKind.Absolute, out var u) ? u : null;
            if (url is null) problems.Add($"--base-url '{parsed.GetValue(baseUrl)}': an absolute http(s) URL is required");
            var parentValues = Pairs("--parent", parsed.GetValue(parents), problems);
            var credentialValues = Pairs("--credential", parsed.GetValue(credentials), problems);
            foreach (var duplicate in parentValues.GroupBy(p => p.Key).Where(g => g.Count() > 1)) problems.Add($"--parent {duplicate.Key}: given {duplicate.Count()} times");
            var catalog = ContractCatalog.Load(RepositoryRoot.Find(parsed.GetValue(rootOption)));
            var options = new ProbeOptions
            {
                BaseUrl = url ?? new Uri("http://invalid.invalid"),
                Apis = parsed.GetValue(apis) ?? [],
                Parents = parentValues.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
                Credentials = credentialValues,
                MaxRequests = parsed.GetValue(maxRequests),
                Seed = parsed.GetValue(seed),
                Timeout = TimeSpan.FromMilliseconds(parsed.GetValue(timeout)),
                OnCheck = Printer(context),
            };
            if (url is not null) problems.AddRange(options.Problems(catalog));
            else problems.AddRange(options.Problems(catalog).Where(p => !p.StartsWith("--base-url", StringComparison.Ordinal)));
            if (parsed.GetValue(timeout) <= 0) problems.Add("--timeout-ms: a positive number of milliseconds is required");
            if (problems.Count > 0)
            {
                foreach (var problem in problems.Distinct()) context.Fail(problem);
                return ExitCodes.BadInput;
            }

            // Report targets are checked before the probe runs: a device, FIFO, folder or link is refused at once.
            if (parsed.GetValue(junit) is { } junitTarget) AtomicFile.CheckTarget(junitTarget, $"--junit {junitTarget}");
            if (parsed.GetValue(json) is { } jsonTarget) AtomicFile.CheckTarget(jsonTarget, $"--json {jsonTarget}");

            context.Output.WriteLine($"probe {options.BaseUrl} (seed {options.Seed}, at most {options.MaxRequests} requests)");
            var started = Stopwatch.GetTimestamp();
            var report = Prober.Run(catalog, options);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            var written = Interrupt.Run(context, "the report being written keeps its old content and no temporary file is left", cancel =>
            {
                if (parsed.GetValue(junit) is { } junitFile) AtomicFile.Write(junitFile, ProbeReports.JUnit(report), cancel);
                if (parsed.GetValue(json) is { } jsonFile) AtomicFile.Write(jsonFile, ProbeReports.Json(report), cancel);
                return ExitCodes.Ok;
            });
            if (written != ExitCodes.Ok) return written;
            var rate = seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" in {seconds:0.00} s ({report.Checks.Count / seconds:0} checks/s, {report.Requests / seconds:0} requests/s)") : string.Empty;
            context.Output.WriteLine($"probe: {ProbeReports.Summary(report)}{rate}; {(report.Stub ? "parents from the stub's /__stub/parents" : "parents as given")}");
            return report.Passed ? ExitCodes.Ok : ExitCodes.Invalid;
        }));
        return command;
    }

    // Each check as it completes, under a heading per API.
    private static Action<CheckResult> Printer(CliContext context)
    {
        string? api = null;
        return check =>
        {
            if (check.Api != api)
            {
                api = check.Api;
                context.Output.WriteLine(api);
            }

            foreach (var line in ProbeReports.Lines(check)) context.Output.WriteLine(line);
        };
    }

    private static List<KeyValuePair<string, string>> Pairs(string option, string[]? values, List<string> problems)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var value in values ?? [])
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) problems.Add($"{option} '{value}': name=value is required");
            else pairs.Add(new(value[..eq], value[(eq + 1)..]));
        }

        return pairs;
    }
}
