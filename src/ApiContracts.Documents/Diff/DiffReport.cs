using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ApiContracts.Documents.Diff;

/// <summary>The formats <c>diff</c> and <c>drift</c> write.</summary>
public enum ReportFormat
{
    /// <summary>One line per change, grouped by API, and a summary.</summary>
    Text,

    /// <summary><c>{"changes": [{"api", "pointer", "kind", "severity", "message"}]}</c>.</summary>
    Json,

    /// <summary>JUnit XML: one test case per change, failing when the change fails under <c>--fail-on</c>.</summary>
    Junit,

    /// <summary>A Markdown table, for a pull request comment.</summary>
    Markdown,
}

/// <summary>Writes a list of changes in one of the <see cref="ReportFormat"/>s.</summary>
public static class DiffReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report's text.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="format">The format.</param>
    /// <param name="failOn">Which changes count as failures (JUnit failures, the text summary).</param>
    /// <param name="title">What was compared, such as <c>diff a b</c>.</param>
    public static string Write(IReadOnlyList<Change> changes, ReportFormat format, FailOn failOn, string title)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return format switch
        {
            ReportFormat.Json => Json(changes),
            ReportFormat.Junit => Junit(changes, failOn, title),
            ReportFormat.Markdown => Markdown(changes, failOn, title),
            _ => Text(changes, failOn, title),
        };
    }

    /// <summary>One line: how many changes of each severity, and how many fail.</summary>
    public static string Summary(IReadOnlyList<Change> changes, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var counts = string.Join(", ", Enum.GetValues<Severity>().Select(s => $"{changes.Count(c => c.Severity == s)} {Change.Name(s)}"));
        return $"{changes.Count} change(s): {counts}; {changes.Count(c => c.Fails(failOn))} fail under --fail-on {failOn.ToString().ToLowerInvariant()}";
    }

    private static string Text(IReadOnlyList<Change> changes, FailOn failOn, string title)
    {
        var text = new StringBuilder();
        text.Append(title).Append('\n');
        foreach (var group in changes.GroupBy(c => c.Api))
        {
            text.Append(group.Key).Append(":\n");
            foreach (var c in group) text.Append($"  {c.SeverityName,-23} {c.Kind,-28} {c.Pointer}\n      {c.Message}\n");
        }

        text.Append(changes.Count == 0 ? "no changes\n" : Summary(changes, failOn) + "\n");
        return text.ToString();
    }

    private static string Json(IReadOnlyList<Change> changes)
    {
        var array = new JsonArray();
        foreach (var c in changes)
        {
            array.Add(new JsonObject { ["api"] = c.Api, ["pointer"] = c.Pointer, ["kind"] = c.Kind, ["severity"] = c.SeverityName, ["message"] = c.Message });
        }

        return new JsonObject { ["changes"] = array }.ToJsonString(Indented) + "\n";
    }

    private static string Junit(IReadOnlyList<Change> changes, FailOn failOn, string title)
    {
        var suite = new XElement("testsuite", new XAttribute("name", title), new XAttribute("tests", Math.Max(1, changes.Count)), new XAttribute("failures", changes.Count(c => c.Fails(failOn))), new XAttribute("errors", 0));
        if (changes.Count == 0) suite.Add(new XElement("testcase", new XAttribute("classname", "apicontracts"), new XAttribute("name", "no changes")));
        foreach (var c in changes)
        {
            var test = new XElement("testcase", new XAttribute("classname", c.Api), new XAttribute("name", $"{c.Kind} {c.Pointer}"));
            if (c.Fails(failOn)) test.Add(new XElement("failure", new XAttribute("type", c.SeverityName), new XAttribute("message", c.Message), c.Message));
            else test.Add(new XElement("system-out", $"{c.SeverityName}: {c.Message}"));
            suite.Add(test);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).Declaration + "\n" + new XElement("testsuites", suite) + "\n";
    }

    private static string Markdown(IReadOnlyList<Change> changes, FailOn failOn, string title)
    {
        var text = new StringBuilder();
        text.Append("### ").Append(Cell(title)).Append("\n\n");
        if (changes.Count == 0) return text.Append("No changes.\n").ToString();
        text.Append("| API | severity | rule | pointer | why |\n|---|---|---|---|---|\n");
        foreach (var c in changes) text.Append($"| {Cell(c.Api)} | {c.SeverityName} | `{c.Kind}` | `{Cell(c.Pointer)}` | {Cell(c.Message)} |\n");
        text.Append('\n').Append(Summary(changes, failOn)).Append('\n');
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
