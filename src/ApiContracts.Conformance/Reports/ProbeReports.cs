using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ApiContracts.Conformance.Probe;
using ApiContracts.Core.Json;

namespace ApiContracts.Conformance.Reports;

/// <summary>A probe's report as text (the console), JUnit XML (CI) and JSON (tools).</summary>
public static class ProbeReports
{
    /// <summary>One check in lines: the outcome and id; for a failure the rule, request, response and reason; for a skip the reason.</summary>
    public static IEnumerable<string> Lines(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        switch (check.Outcome)
        {
            case CheckOutcome.Passed:
                yield return $"  passed   {check.Id}";
                break;
            case CheckOutcome.Skipped:
                yield return $"  skipped  {check.Id}: {check.Reason}";
                break;
            default:
                yield return $"  FAILED   {check.Id}";
                yield return $"           rule      {check.Rule}";
                if (check.Evidence is { } e)
                {
                    yield return $"           request   {e.Request}";
                    yield return $"           response  {e.Excerpt()}";
                }

                yield return $"           why       {check.Reason}";
                break;
        }
    }

    /// <summary>The summary line: checks by outcome and requests sent.</summary>
    public static string Summary(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.Checks.Count} checks: {report.Count(CheckOutcome.Passed)} passed, {report.Count(CheckOutcome.Failed)} failed, {report.Count(CheckOutcome.Skipped)} skipped; {report.Requests} requests");
    }

    /// <summary>JUnit XML: one suite per API, one case per check, failures with the rule, request and response, skips with their reason.</summary>
    public static string JUnit(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = new XElement("testsuites",
            new XAttribute("name", $"apicontracts probe {report.BaseUrl}"),
            new XAttribute("tests", report.Checks.Count),
            new XAttribute("failures", report.Count(CheckOutcome.Failed)),
            new XAttribute("skipped", report.Count(CheckOutcome.Skipped)));
        foreach (var api in report.Checks.GroupBy(c => c.Api))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", api.Key),
                new XAttribute("tests", api.Count()),
                new XAttribute("failures", api.Count(c => c.Outcome == CheckOutcome.Failed)),
                new XAttribute("skipped", api.Count(c => c.Outcome == CheckOutcome.Skipped)));
            foreach (var check in api)
            {
                var testcase = new XElement("testcase", new XAttribute("classname", $"probe.{check.Api}"), new XAttribute("name", check.Id));
                if (check.Outcome == CheckOutcome.Failed)
                {
                    var text = new StringBuilder().Append("rule: ").Append(check.Rule).Append('\n');
                    if (check.Evidence is { } e) text.Append("request: ").Append(e.Request).Append("\nresponse: ").Append(e.Excerpt(2000)).Append('\n');
                    testcase.Add(new XElement("failure", new XAttribute("message", check.Reason ?? "failed"), text.ToString()));
                }
                else if (check.Outcome == CheckOutcome.Skipped)
                {
                    testcase.Add(new XElement("skipped", new XAttribute("message", check.Reason ?? "skipped")));
                }

                testcase.Add(new XElement("system-out", $"rule: {check.Rule}"));
                suite.Add(testcase);
            }

            suites.Add(suite);
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
        return $"{document.Declaration}\n{document}\n";
    }

    /// <summary>The whole report as JSON: the run, each API and each check with its rule and, for failures, the exchange.</summary>
    public static string Json(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = new JsonObject
        {
            ["base_url"] = report.BaseUrl.ToString(),
            ["stub"] = report.Stub,
            ["seed"] = report.Seed,
            ["max_requests"] = report.MaxRequests,
            ["requests"] = report.Requests,
            ["summary"] = new JsonObject
            {
                ["checks"] = report.Checks.Count,
                ["passed"] = report.Count(CheckOutcome.Passed),
                ["failed"] = report.Count(CheckOutcome.Failed),
                ["skipped"] = report.Count(CheckOutcome.Skipped),
            },
            ["apis"] = new JsonArray(report.Apis.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["path"] = a.Path, ["total"] = a.Total }).ToArray()),
            ["checks"] = new JsonArray(report.Checks.Select(Check).ToArray()),
        };
        return CanonicalJson.Write(json);
    }

    private static JsonNode Check(CheckResult check)
    {
        var json = new JsonObject
        {
            ["api"] = check.Api,
            ["id"] = check.Id,
            ["outcome"] = check.Outcome.ToString().ToLowerInvariant(),
            ["rule"] = new JsonObject
            {
                ["definition"] = check.Rule.Definition,
                ["pointer"] = check.Rule.Pointer,
                ["assumptions"] = CanonicalJson.Strings(check.Rule.Assumptions),
                ["statement"] = check.Rule.Statement,
            },
        };
        if (check.Reason is not null) json["reason"] = check.Reason;
        if (check.Evidence is { } e)
        {
            json["request"] = new JsonObject
            {
                ["method"] = e.Request.Method,
                ["url"] = e.Request.Url.ToString(),
                ["headers"] = new JsonObject(e.Request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value)).DistinctBy(h => h.Key, StringComparer.OrdinalIgnoreCase)),
                ["body"] = e.Request.Body,
            };
            json["response"] = new JsonObject { ["status"] = e.Status, ["excerpt"] = e.Excerpt(2000) };
        }

        return json;
    }
}
