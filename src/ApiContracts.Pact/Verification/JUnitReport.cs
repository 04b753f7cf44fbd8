using System.Globalization;
using System.Xml.Linq;

namespace ApiContracts.Pact.Verification;

/// <summary>JUnit XML for CI systems: one suite per pact file, one case per interaction.</summary>
public static class JUnitReport
{
    /// <summary>The report for <paramref name="result"/>.</summary>
    public static string Write(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var suites = new XElement("testsuites",
            new XAttribute("name", "pact verification"),
            new XAttribute("tests", result.Interactions.Count),
            new XAttribute("failures", result.Interactions.Count(i => !i.Passed)));
        foreach (var pact in result.Interactions.GroupBy(i => i.Pact))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", $"{pact.First().Provider} ({Path.GetFileName(pact.Key)})"),
                new XAttribute("tests", pact.Count()),
                new XAttribute("failures", pact.Count(i => !i.Passed)));
            foreach (var interaction in pact)
            {
                var testcase = new XElement("testcase", new XAttribute("classname", Path.GetFileNameWithoutExtension(pact.Key)), new XAttribute("name", interaction.Description));
                if (!interaction.Passed)
                {
                    testcase.Add(new XElement("failure",
                        new XAttribute("message", interaction.Mismatches.FirstOrDefault() ?? "failed"),
                        string.Join("\n", interaction.Mismatches)));
                }

                suite.Add(testcase);
            }

            suites.Add(suite);
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
        return $"{document.Declaration}\n{document}\n";
    }

    /// <summary>A one-line summary: interactions, failures.</summary>
    public static string Summary(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Interactions.Count(i => !i.Passed);
        return string.Create(CultureInfo.InvariantCulture, $"{result.Interactions.Count} interactions, {failed} failed");
    }
}
