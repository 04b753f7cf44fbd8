using System.CommandLine;
using System.Globalization;
using ApiContracts.Core;
using ApiContracts.Core.Generation;
using ApiContracts.Fixtures.Export;
using ApiContracts.Fixtures.Generation;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts fixtures</c>: streams a deterministic dataset to a file.</summary>
internal static class FixturesCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var api = new Option<string>("--api") { Description = "The API id (see 'apicontracts list').", Required = true };
        var count = new Option<long?>("--count") { Description = "How many records the dataset holds (all shards together); required unless --describe." };
        var seed = new Option<ulong>("--seed") { Description = "The dataset seed; the same seed gives the same bytes.", DefaultValueFactory = _ => 1UL };
        var parent = new Option<string?>("--parent") { Description = "The parent resource id (default: the API's first known parent)." };
        var format = new Option<string>("--format") { Description = "json, ndjson, csv or sqlite (typed tables).", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("json", "ndjson", "csv", "sqlite");
        var header = new Option<string[]>("--header")
        {
            Description = "CSV header: dotted (default, request.parameters.replica) or pointer (/request/parameters/replica) names; "
                + "first (default: in shard 1 only, so shards concatenate to the whole file) or always (in every shard). Comma-separated or repeated: --header pointer,always.",
        };
        var noBom = new Option<bool>("--no-bom") { Description = "CSV: leave out the UTF-8 byte order mark spreadsheets need to read UTF-8 text." };
        var locale = new Option<string>("--locale") { Description = "en or zh_CN: the language of free text.", DefaultValueFactory = _ => "en" };
        locale.AcceptOnlyFromAmong("en", "zh_CN");
        var shard = new Option<string?>("--shard") { Description = "k/n: write only the k-th of n disjoint index ranges (1-based); shards concatenate to the whole export." };
        var output = new Option<string?>("--out") { Description = "The file to write: a new path or a regular file, never a device, FIFO, folder or link (atomically: it appears only when complete); required unless --describe." };
        var profile = new Option<string>("--profile") { Description = "realistic (default: data that looks like a working fleet) or edge (stress values: longest strings, CJK and emoji, nulls wherever allowed).", DefaultValueFactory = _ => FixtureProfile.Realistic.Name };
        profile.AcceptOnlyFromAmong([.. FixtureProfile.All.Select(p => p.Name)]);
        var describe = new Option<bool>("--describe") { Description = "Print how each field of the API's records is distributed under the profile, and write nothing." };
        var command = new Command("fixtures", "Export fixtures: records of a deterministic virtual dataset, streamed with constant memory.")
        {
            api, count, seed, parent, format, locale, profile, shard, header, noBom, output, describe,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var chosen = FixtureProfile.Parse(parsed.GetValue(profile)!);
            if (parsed.GetValue(describe))
            {
                if (parsed.GetValue(output) is not null)
                {
                    context.Fail("--describe writes no file: leave out --out");
                    return ExitCodes.BadInput;
                }

                var known = ContractCatalog.Load(RepositoryRoot.Find(parsed.GetValue(rootOption)));
                context.Output.Write(FixtureDistributions.Text(known, known.Api(parsed.GetValue(api)!).Id, chosen));
                return ExitCodes.Ok;
            }

            if (parsed.GetValue(count) is not { } total || parsed.GetValue(output) is null)
            {
                context.Fail($"{(parsed.GetValue(count) is null ? "--count" : "--out")} is required to export (or give --describe to print the distributions)");
                return ExitCodes.BadInput;
            }

            if (total < 0)
            {
                context.Fail($"--count {total}: must be 0 or more");
                return ExitCodes.BadInput;
            }

            var part = parsed.GetValue(shard) is { } text ? Shard.Parse(text) : Shard.All;
            var kind = Enum.Parse<ExportFormat>(parsed.GetValue(format)!, ignoreCase: true);
            var (csv, problems) = CsvChoices(parsed.GetValue(header) ?? [], parsed.GetValue(noBom), kind);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) context.Fail(problem);
                return ExitCodes.BadInput;
            }

            var catalog = RepositoryRoot.Resolve(parsed.GetValue(rootOption)).LoadCatalog();
            var definition = catalog.Api(parsed.GetValue(api)!);
            var options = new GeneratorOptions { Locale = parsed.GetValue(locale)! };
            var source = FixtureSource.For(catalog, definition.Id, options);
            var dataset = Dataset.ForKnownParent(definition, parsed.GetValue(parent), parsed.GetValue(seed), total, chosen);
            var path = parsed.GetValue(output)!;
            var (start, end) = part.Range(total);
            // Refused before any work: a device, FIFO, folder or link is never replaced.
            AtomicFile.CheckTarget(path, $"--out {path}");
            return Interrupt.Run(context, $"{path} was not written (it keeps what it held) and no partial file is left", cancel =>
            {
                var written = Run(context, end - start, progress => FixtureExporter.Export(source, dataset, kind, part, path, progress, csv, cancel));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fixtures: wrote {written} {definition.Id} records [{start}, {end}) of {total} to {path} ({kind.ToString().ToLowerInvariant()}, seed {dataset.SeedValue}, parent {dataset.ParentId}, profile {chosen.Name})"));
                return ExitCodes.Ok;
            });
        }));
        return command;
    }

    /// <summary>The CSV options <c>--header</c> and <c>--no-bom</c> ask for, or every problem with them (each a usage error).</summary>
    internal static (CsvOptions Options, List<string> Problems) CsvChoices(IEnumerable<string> header, bool noBom, ExportFormat format)
    {
        var problems = new List<string>();
        var values = header.SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var names = values.Where(v => v is "dotted" or "pointer").Distinct(StringComparer.Ordinal).ToList();
        var placement = values.Where(v => v is "first" or "always").Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in values.Where(v => v is not ("dotted" or "pointer" or "first" or "always")).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"--header '{unknown}': use dotted or pointer (the names), first or always (which shards carry the header), comma-separated");
        }

        if (names.Count > 1) problems.Add("--header: dotted and pointer exclude each other; choose one");
        if (placement.Count > 1) problems.Add("--header: first and always exclude each other; choose one");
        if (format != ExportFormat.Csv && values.Count > 0) problems.Add($"--header applies to --format csv only (the format is {format.ToString().ToLowerInvariant()})");
        if (format != ExportFormat.Csv && noBom) problems.Add($"--no-bom applies to --format csv only (the format is {format.ToString().ToLowerInvariant()})");
        var options = new CsvOptions
        {
            HeaderNames = names is ["pointer"] ? CsvHeaderNames.Pointer : CsvHeaderNames.Dotted,
            HeaderInEveryShard = placement is ["always"],
            ByteOrderMark = !noBom,
        };
        return (options, problems);
    }

    // A bar on a terminal; plain lines at each tenth when the output is redirected.
    private static long Run(CliContext context, long total, Func<IProgress<long>, long> export)
    {
        if (context.Err.Profile.Capabilities.Interactive && total > 0)
        {
            long written = 0;
            context.Err.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("exporting", maxValue: total);
                written = export(new Progress<long>(n => task.Value = n));
            });
            return written;
        }

        var step = Math.Max(total / 10, 10_000);
        var next = step;
        return export(new InlineProgress(n =>
        {
            if (n < next || n >= total) return;
            context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fixtures: {n}/{total} records ({n * 100 / total}%)"));
            next = (n / step + 1) * step;
        }));
    }

    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
