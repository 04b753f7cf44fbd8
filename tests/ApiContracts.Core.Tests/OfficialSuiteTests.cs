using System.Reflection;
using System.Text.Json.Nodes;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

/// <summary>
/// The official JSON-Schema-Test-Suite judges the validator, as it judges every implementation: each required
/// draft-07 case (the files directly under tests/draft7; optional/ holds what the draft leaves optional) must get
/// the suite's verdict through <see cref="SchemaValidator"/>, the same path the toolkit validates with. The
/// suite's remote documents are served to it from the suite's own remotes/ folder, as the suite prescribes
/// (http://localhost:1234/); nothing is fetched.
/// </summary>
public class OfficialSuiteTests
{
    private static readonly string Suite = typeof(OfficialSuiteTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "JsonSchemaTestSuite").Value!;

    // Debian's json-schema-test-suite 2.0.0 holds 423 required draft-07 cases in 35 files.
    private const int RequiredCases = 423;

    private static Dictionary<Uri, JsonNode> Remotes()
    {
        var remotes = Path.Combine(Suite, "remotes");
        return Directory.GetFiles(remotes, "*.json", SearchOption.AllDirectories).ToDictionary(
            f => new Uri("http://localhost:1234/" + Path.GetRelativePath(remotes, f).Replace('\\', '/')),
            f => JsonNode.Parse(File.ReadAllText(f))!);
    }

    [Fact]
    public void EveryRequiredDraft07Case_GetsTheSuitesVerdict()
    {
        Assert.True(Directory.Exists(Path.Combine(Suite, "tests", "draft7")), $"{Suite}: the build unpacks the suite there (eng/DebianPackage.targets)");
        var remotes = Remotes();
        var cases = 0;
        var wrong = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Suite, "tests", "draft7"), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var group in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                SchemaValidator validator;
                try
                {
                    validator = new SchemaValidator(group!["schema"]!, remotes);
                }
                catch (ArgumentException ex)
                {
                    wrong.Add($"{Path.GetFileName(file)}: {group!["description"]}: the schema does not compile: {ex.Message}");
                    cases += group["tests"]!.AsArray().Count;
                    continue;
                }

                foreach (var test in group["tests"]!.AsArray())
                {
                    cases++;
                    var expected = (bool)test!["valid"]!;
                    var errors = validator.Validate(test["data"]);
                    if ((errors.Count == 0) != expected)
                    {
                        wrong.Add($"{Path.GetFileName(file)}: {group["description"]} / {test["description"]}: expected {(expected ? "valid" : "invalid")}, got {(errors.Count == 0 ? "valid" : string.Join("; ", errors))}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases} cases disagree with the suite:\n{string.Join('\n', wrong)}");
        Assert.Equal(RequiredCases, cases);
    }

    [Fact]
    public void TheSuite_CatchesAWrongVerdict()
    {
        // The harness must be able to fail: a schema the suite says rejects 1.5 as an integer.
        var group = JsonNode.Parse(File.ReadAllText(Path.Combine(Suite, "tests", "draft7", "type.json")))!.AsArray()
            .First(g => (string?)g!["description"] == "integer type matches integers")!;
        var validator = new SchemaValidator(group["schema"]!);

        Assert.NotEmpty(validator.Validate(JsonValue.Create(1.5)));
        Assert.Empty(validator.Validate(JsonValue.Create(1)));
    }
}
