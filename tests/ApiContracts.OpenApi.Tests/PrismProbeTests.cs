using ApiContracts.Conformance.Probe;
using ApiContracts.Conformance.Reports;
using ApiContracts.Core.Tests;
using Xunit.Abstractions;

namespace ApiContracts.OpenApi.Tests;

/// <summary>
/// The third proof: <c>apicontracts probe</c> against Prism mocking our OpenAPI documents. A static mock answers
/// every request with the document's example, valid by every schema, so the probe's schema and input checks hold
/// while the paging rules break: the report lists which, the reason the stub server exists.
/// </summary>
public sealed class PrismProbeTests(ITestOutputHelper output)
{
    /// <summary>Every path parameter of the provider's APIs, from their first known parents.</summary>
    private static Dictionary<string, string> Parents(string provider) =>
        Repo.Catalog.Apis.Where(a => a.Provider == provider).SelectMany(a => a.Dataset.Parents[0]).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    [Fact]
    public async Task Probe_AgainstPrismMocks_SchemasHold_PagingRulesBreak()
    {
        var servers = await Task.WhenAll(Documents.Providers.Select(p => PrismProcess.Start("mock", Documents.PathOf(p, "3.1"))));
        try
        {
            var reports = Documents.Providers.Zip(servers, (provider, server) => Prober.Run(Repo.Catalog, new ProbeOptions
            {
                BaseUrl = server.Url,
                Apis = [.. Repo.Catalog.Apis.Where(a => a.Provider == provider).Select(a => a.Id)],
                Parents = Parents(provider),
                Credentials = [new("Authorization", "acs test:signature")],
            })).ToList();
            var checks = reports.SelectMany(r => r.Checks).ToList();
            foreach (var report in reports)
            {
                output.WriteLine($"{report.BaseUrl}: {ProbeReports.Summary(report)}; not the stub: {!report.Stub}");
                foreach (var failed in report.Checks.Where(c => c.Outcome == CheckOutcome.Failed)) output.WriteLine($"  {failed.Api} {failed.Id}: {failed.Reason}");
            }

            // A static mock is never the stub, and never passes.
            Assert.All(reports, r => Assert.False(r.Stub));
            Assert.All(reports, r => Assert.False(r.Passed));

            // What it keeps: every answer has its schema's shape, and input the document forbids is refused.
            Assert.All(checks.Where(c => c.Id == "schema"), c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
            Assert.Contains(checks, c => c.Id == "rejected[PageSize=101]" && c.Outcome == CheckOutcome.Passed);
            Assert.Contains(checks, c => c.Id == "rejected[limit=1001]" && c.Outcome == CheckOutcome.Passed);

            // What it breaks: the paging rules, on every list API.
            static bool Broken(CheckResult c, string api, string prefix) => c.Api == api && c.Id.StartsWith(prefix, StringComparison.Ordinal) && c.Outcome == CheckOutcome.Failed;
            Assert.Contains(checks, c => Broken(c, "evs-snapshots-detail", "walk[")); // the example's next link leads back to itself
            Assert.Contains(checks, c => Broken(c, "evs-snapshots-detail", "links.carry"));
            Assert.Contains(checks, c => Broken(c, "evs-snapshots-detail", "offset[offset=3]")); // past the end, the example again
            Assert.Contains(checks, c => Broken(c, "pai-dsw-instance-snapshots", "total.matches-walk")); // TotalCount 35, one item
            Assert.Contains(checks, c => Broken(c, "pai-dsw-instance-snapshots", "default-page[]"));
            Assert.Contains(checks, c => Broken(c, "servicestage-instance-snapshots", "page-size[limit=0]"));
            Assert.Contains(checks, c => Broken(c, "servicestage-config-histories", "order.reverse["));
            foreach (var api in Repo.Catalog.Apis) Assert.Contains(checks, c => Broken(c, api.Id, "parent.unknown["));
        }
        finally
        {
            foreach (var server in servers) server.Dispose();
        }
    }
}
