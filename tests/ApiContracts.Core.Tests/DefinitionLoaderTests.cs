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
}
