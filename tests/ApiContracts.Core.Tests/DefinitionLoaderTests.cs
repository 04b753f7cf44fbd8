using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Tests;

public class DefinitionLoaderTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", "servicestage-instance-snapshots.yaml"));

    private static DefinitionException Broken(string yaml, string file = "contracts/apis/servicestage-instance-snapshots.yaml") =>
        Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, file));

    private static int LineOf(string yaml, string text) =>
        yaml.ReplaceLineEndings("\n").Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void Load_ValidDefinition_Succeeds()
    {
        var api = DefinitionLoader.Load(Valid, "contracts/apis/servicestage-instance-snapshots.yaml");

        Assert.Equal("servicestage-instance-snapshots", api.Id);
        Assert.Equal(4, api.Request.Path!.Fields.Count);
    }

    [Fact]
    public void Load_MisspelledKey_ReportsFileLineAndAllowedKeys()
    {
        var yaml = Valid.Replace("        mandatory: false\n        type: integer\n        description: How many snapshots", "        mandatorry: false\n        type: integer\n        description: How many snapshots", StringComparison.Ordinal);

        var ex = Broken(yaml);

        var problem = Assert.Single(ex.Problems, p => p.Message.Contains("unknown key 'mandatorry'", StringComparison.Ordinal));
        Assert.Equal(LineOf(yaml, "mandatorry"), problem.Location.Line);
        Assert.Equal("contracts/apis/servicestage-instance-snapshots.yaml", problem.Location.File);
        Assert.Contains("mandatory", problem.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.Message.Contains("missing required key 'mandatory'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownType_IsReportedAtItsLine()
    {
        var yaml = Valid.Replace("        type: integer\n        description: How many snapshots", "        type: int\n        description: How many snapshots", StringComparison.Ordinal);

        var problem = Assert.Single(Broken(yaml).Problems);

        Assert.Contains("unknown type 'int'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(yaml.Split('\n').ToList().IndexOf("        type: int") + 1, problem.Location.Line);
        Assert.Equal(15, problem.Location.Column);
    }

    [Fact]
    public void Load_MalformedYaml_ReportsLineAndColumn()
    {
        var yaml = Valid.Replace("  method: GET", "  method: [GET", StringComparison.Ordinal);

        var problem = Assert.Single(Broken(yaml).Problems);

        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Location.Line >= LineOf(yaml, "method: [GET"));
    }

    [Fact]
    public void Load_IdNotMatchingFileName_IsRejected()
    {
        var problem = Assert.Single(Broken(Valid, "contracts/apis/other.yaml").Problems);

        Assert.Contains("must equal the file name 'other'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UndefinedAssumptionReference_IsRejected()
    {
        var yaml = Valid.Replace("assumptions: [A4]", "assumptions: [A44]", StringComparison.Ordinal);

        Assert.Contains(Broken(yaml).Problems, p => p.Message.Contains("assumption A44 is referenced but not defined", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DefaultOutsideEnum_IsRejected()
    {
        var yaml = Valid.Replace("        default: desc", "        default: sideways", StringComparison.Ordinal);

        Assert.Contains(Broken(yaml).Problems, p => p.Message.Contains("not one of the enum values", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralProblems_AreAllReported()
    {
        var yaml = Valid.Replace("  method: GET", "  method: FETCH", StringComparison.Ordinal).Replace("provider: servicestage", "provider: aws", StringComparison.Ordinal);

        var ex = Broken(yaml);

        Assert.Contains(ex.Problems, p => p.Message.Contains("'method' is 'FETCH'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'provider' is 'aws'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RequiredWhenInsideArrayItems_IsRejected()
    {
        var yaml = Valid.Replace(
            "              hint: created-epoch-millis\n",
            "              hint: created-epoch-millis\n              required_when: {field: /count, in: [\"1\"]}\n",
            StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var problem = Assert.Single(Broken(yaml).Problems);

        Assert.Contains("'required_when' is not allowed inside array items", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'create_time'", problem.Message, StringComparison.Ordinal);
        Assert.Equal("contracts/apis/servicestage-instance-snapshots.yaml", problem.Location.File);
        Assert.Equal(LineOf(yaml, "required_when: {field: /count"), problem.Location.Line);
    }

    [Theory]
    [InlineData("  - status: 200", "  - status: 4294967496", "'status' is 4294967496")]
    [InlineData("        min_length: 1", "        min_length: 4294967297", "'min_length' is 4294967297")]
    [InlineData("        min_length: 1", "        min_length: -2147483649", "'min_length' is -2147483649")]
    public void Load_WholeNumberBeyondInt_IsRejected(string from, string to, string message)
    {
        var yaml = ReplaceFirst(Valid, from, to);

        var problem = Assert.Single(Broken(yaml).Problems, p => p.Message.Contains(message, StringComparison.Ordinal));

        Assert.Contains("outside the whole numbers allowed", problem.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, to.Trim()), problem.Location.Line);
    }

    [Theory]
    [InlineData(@"^SVCSTG\.\d+$", @"uses \d")]
    [InlineData(@"^\w+$", @"uses \w")]
    [InlineData(@"^a$|^b$", "uses $ before its end")]
    [InlineData(@"^(?!x)SVCSTG", "lookaround")]
    [InlineData(@"^SVCSTG[", "not a valid ECMA-262 regular expression")]
    public void Load_PatternThatRegexDialectsReadDifferently_IsRejected(string pattern, string words)
    {
        var yaml = Valid.Replace(@"      pattern: ^SVCSTG\.00100\.?[0-9A-Za-z]+$", "      pattern: '" + pattern + "'", StringComparison.Ordinal);

        var problem = Assert.Single(Broken(yaml).Problems);

        Assert.Contains(words, problem.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "pattern: '"), problem.Location.Line);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in the definition");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
