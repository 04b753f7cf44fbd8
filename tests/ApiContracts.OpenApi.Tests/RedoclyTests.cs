using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ApiContracts.OpenApi.Tests;

/// <summary>Redocly CLI: its recommended ruleset, the linter most OpenAPI pipelines run, judges the documents, and its docs build renders them.</summary>
public sealed class RedoclyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Lint_Recommended_ReportsNoErrors()
    {
        var files = Documents.Providers.SelectMany(p => Documents.Versions.Select(v => Documents.PathOf(p, v))).ToList();

        var reports = await Lint(files);

        // One report per file.
        Assert.Equal(files.Count, reports.Count);
        var problems = reports.SelectMany(r => r["problems"]!.AsArray()).Select(p => p!).ToList();
        foreach (var problem in problems) output.WriteLine(Describe(problem));
        var errors = problems.Where(p => p["severity"]!.GetValue<string>() == "error").Select(Describe).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.All(reports, r => Assert.Equal(0, r["totals"]!["errors"]!.GetValue<int>()));
        Assert.All(reports, r => Assert.Equal("2.77.0", r["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Lint_BrokenDocument_ReportsTheError()
    {
        // A dangling reference: proves the run above judges rather than passes everything.
        var broken = Path.Combine(Path.GetTempPath(), $"apicontracts-broken-{Environment.ProcessId}.openapi.json");
        var text = Documents.Text("evs", "3.1").Replace("#/components/schemas/EvsSnapshotsDetailResponse", "#/components/schemas/Missing", StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken, text);
        try
        {
            var report = Assert.Single(await Lint([broken]));

            Assert.True(report["totals"]!["errors"]!.GetValue<int>() > 0);
            Assert.Contains(report["problems"]!.AsArray(), p => p!["ruleId"]!.GetValue<string>() == "no-unresolved-refs");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task BuildDocs_RendersEveryOperation()
    {
        // The README's static-page recipe.
        var page = Path.Combine(Path.GetTempPath(), $"apicontracts-servicestage-{Environment.ProcessId}.html");
        try
        {
            var (exit, stdout, stderr) = await OpenApiTools.Run(OpenApiTools.Redocly, ["build-docs", Documents.PathOf("servicestage", "3.0"), "-o", page], Timeout);

            Assert.True(exit == 0, $"{stdout}\n{stderr}");
            var html = await File.ReadAllTextAsync(page);
            foreach (var api in Core.Tests.Repo.Catalog.Apis.Where(a => a.Provider == "servicestage")) Assert.Contains(api.Title, html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(page);
        }
    }

    // The JSON format writes one report object per file, one after the other.
    private static async Task<List<JsonObject>> Lint(IReadOnlyList<string> files)
    {
        var (exit, stdout, stderr) = await OpenApiTools.Run(OpenApiTools.Redocly, ["lint", "--extends=recommended", "--format=json", .. files], Timeout);
        try
        {
            var reports = new List<JsonObject>();
            var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout), new System.Text.Json.JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read()) reports.Add(JsonNode.Parse(ref reader)!.AsObject());
            return reports.Count > 0 ? reports : throw new System.Text.Json.JsonException("no report");
        }
        catch (System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"redocly lint exited with {exit} without a JSON report:\n{stdout}\n{stderr}");
        }
    }

    private static string Describe(JsonNode problem)
    {
        var location = problem["location"]?[0];
        return $"{problem["severity"]} {problem["ruleId"]}: {problem["message"]} ({Path.GetFileName(location?["source"]?["ref"]?.GetValue<string>())} {location?["pointer"]})";
    }
}
