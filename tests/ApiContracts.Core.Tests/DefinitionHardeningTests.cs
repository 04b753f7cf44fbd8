using System.Text;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Tests;

/// <summary>Hostile definition files: alias bombs, deep nesting, bad bytes and tabs fail at once, at their true place.</summary>
public sealed class DefinitionHardeningTests
{
    private const string File = "contracts/apis/servicestage-instance-snapshots.yaml";

    private static readonly string Valid = System.IO.File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", "servicestage-instance-snapshots.yaml")).ReplaceLineEndings("\n");

    private static DefinitionProblem Single(string yaml) =>
        Assert.Single(Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, File)).Problems);

    private static int LineOf(string yaml, string text) => yaml.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal)) + 1;

    // Nine aliases of nine aliases, nine levels deep: 9^9 values if expanded, about 1 KB as written.
    private static string AliasBomb()
    {
        var bomb = new StringBuilder("  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++) bomb.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return bomb.ToString();
    }

    [Fact]
    public void AliasBomb_IsRefusedAtItsFirstAnchor_BeforeAnyNodeIsBuilt()
    {
        var bomb = AliasBomb();
        Assert.InRange(bomb.Length, 500, 1500);
        var yaml = Valid.Replace("assumptions:\n", "assumptions:\n" + bomb.Replace("  a", "  - a", StringComparison.Ordinal), StringComparison.Ordinal);

        var problem = Single(yaml);

        Assert.Equal(File, problem.Location.File);
        Assert.Equal(LineOf(yaml, "a0: &a0"), problem.Location.Line);
        Assert.Equal("the anchor &a0 is not allowed: definitions do not use YAML anchors and aliases (write the value out)", problem.Message);
    }

    [Fact]
    public void Alias_IsRefusedAtItsLine()
    {
        // An alias to an anchor the file never defines: the alias itself is what is reported.
        var yaml = Valid.Replace("  documented_statuses:", "  documented_statuses: *statuses\n  x_old:", StringComparison.Ordinal);

        var problem = Single(yaml);

        Assert.Equal(LineOf(yaml, "*statuses"), problem.Location.Line);
        Assert.StartsWith("the alias *statuses is not allowed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeKey_IsRefused_AsAnAlias()
    {
        var yaml = Valid + "x_base: &base {a: 1}\nx_derived:\n  <<: *base\n";

        var problem = Single(yaml);

        Assert.Equal(LineOf(yaml, "&base"), problem.Location.Line);
    }

    [Fact]
    public void TwoHundredThousandNestedLists_AreRefusedAtDepth65_WithoutOverflowingTheStack()
    {
        var line = "  documented_statuses: " + new string('[', 200_000) + new string(']', 200_000);
        var yaml = System.Text.RegularExpressions.Regex.Replace(Valid, "  documented_statuses:.*", line);

        var problem = Single(yaml);

        Assert.Equal(LineOf(yaml, "documented_statuses: [[["), problem.Location.Line);
        // The root is level 1, 'operation' level 2: the 63rd '[' opens level 65.
        Assert.Equal("  documented_statuses: ".Length + 63, problem.Location.Column);
        Assert.Equal("mappings and lists are nested deeper than 64 levels, the limit for definitions", problem.Message);
    }

    [Fact]
    public void DeepBlockMappings_AreRefusedAtTheFirstLevelTooDeep()
    {
        var deep = new StringBuilder("x_deep:\n");
        for (var i = 1; i <= 100; i++) deep.Append(new string(' ', 2 * i)).Append("k:\n");
        deep.Append(new string(' ', 202)).Append("v\n");
        var yaml = Valid + deep;

        var problem = Single(yaml);

        // The root mapping is level 1, x_deep's value level 2: the 64th 'k' opens level 65.
        Assert.Equal(LineOf(yaml, "x_deep:") + 64, problem.Location.Line);
        Assert.Contains("deeper than 64 levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepJsonInAnExample_IsReportedInsideTheBlock()
    {
        const string evs = "contracts/apis/evs-snapshots-detail.yaml";
        var valid = System.IO.File.ReadAllText(Path.Combine(Repo.Root, evs)).ReplaceLineEndings("\n");
        var yaml = valid.Replace("          \"count\": 3,", "          \"count\": " + new string('[', 200_000) + new string(']', 200_000) + ",", StringComparison.Ordinal);
        Assert.NotEqual(valid, yaml);

        var problem = Assert.Single(Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(yaml, evs)).Problems);

        Assert.Equal(LineOf(yaml, "\"count\": [[["), problem.Location.Line);
        Assert.Equal("          \"count\": ".Length + 64, problem.Location.Column);
        Assert.EndsWith("is not valid JSON: nested deeper than the maximum depth of 64 arrays and objects", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsReportedAtItsTrueLineAndColumn_NotPatchedIntoTheArtifacts()
    {
        var text = Valid.Replace("title: List", "title: Lïst \u4e2d @", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Array.IndexOf(bytes, (byte)'@');
        bytes[at] = 0xFF;

        var ex = Assert.Throws<DefinitionException>(() => DefinitionLoader.Decode(bytes, File));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(LineOf(text, "title: L"), problem.Location.Line);
        Assert.Equal("title: Lïst \u4e2d ".Length + 1, problem.Location.Column);
        Assert.Equal($"not valid UTF-8: byte 0xFF at byte offset {at} does not form a UTF-8 character; definitions are UTF-8 text", problem.Message);
    }

    [Fact]
    public void InvalidUtf8_InTheDefinitionsFolder_StopsTheCatalog()
    {
        var root = Repo.CopyToTemp();
        try
        {
            var path = Path.Combine(root, "contracts", "apis", "servicestage-instance-snapshots.yaml");
            var bytes = System.IO.File.ReadAllBytes(path);
            bytes[Array.IndexOf(bytes, (byte)'\n') + 1] = 0xC0;
            System.IO.File.WriteAllBytes(path, bytes);

            var ex = Assert.Throws<DefinitionException>(() => ContractCatalog.Load(root));

            var problem = Assert.Single(ex.Problems);
            Assert.Equal(("contracts/apis/servicestage-instance-snapshots.yaml", 2, 1), (problem.Location.File, problem.Location.Line, problem.Location.Column));
            Assert.StartsWith("not valid UTF-8: byte 0xC0", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ByteOrderMark_IsAllowedInADefinition()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();

        var api = DefinitionLoader.Load(DefinitionLoader.Decode(bytes, File), File);

        Assert.Equal("servicestage-instance-snapshots", api.Id);
    }

    [Theory]
    [InlineData("title: ", "\ttitle: ")]
    [InlineData("  document: ", "\tdocument: ")]
    [InlineData("  method: ", "\t method: ")]
    [InlineData("      - name: project_id", "\t  - name: project_id")]
    [InlineData("        mandatory: true", "\t\tmandatory: true")]
    [InlineData("  scheme: ", "\tscheme: ")]
    [InlineData("  - id: A1", "\t- id: A1")]
    public void TabUsedAsIndentation_IsReportedWhereTheTabIs(string line, string tabbed)
    {
        Assert.Contains("\n" + line, Valid, StringComparison.Ordinal);
        var index = Valid.IndexOf("\n" + line, StringComparison.Ordinal) + 1;
        var yaml = Valid[..index] + tabbed + Valid[(index + line.Length)..];

        var problem = Single(yaml);

        Assert.Equal((Valid[..index].Count(c => c == '\n') + 1, 1), (problem.Location.Line, problem.Location.Column));
        Assert.Equal("not valid YAML: a tab is used for indentation; YAML indents with spaces only", problem.Message);
    }

    [Theory]
    [InlineData("title: !!binary TGlzdCBFVlM=", "!!binary")]
    [InlineData("title: !!str List", "!!str")]
    [InlineData("title: !custom List", "!custom")]
    [InlineData("title: ! List", "!")]
    [InlineData("title: !<tag:example.com,2025:x> List", "tag:example.com,2025:x")]
    public void Tag_IsRefusedAtItsLineAndColumn_NotIgnored(string tagged, string shown)
    {
        // Attack report 1, finding 16: title: !!binary TGlzdCBFVlM= was read as the title 'TGlzdCBFVlM='.
        var yaml = System.Text.RegularExpressions.Regex.Replace(Valid, "(?m)^title: .*$", tagged);
        Assert.NotEqual(Valid, yaml);

        var problem = Single(yaml);

        Assert.Equal((File, LineOf(yaml, tagged), "title: ".Length + 1), (problem.Location.File, problem.Location.Line, problem.Location.Column));
        Assert.Equal($"the tag {shown} is not allowed: definitions do not use YAML tags (write the plain value)", problem.Message);
    }

    [Fact]
    public void TagOnAMapping_IsRefused()
    {
        var yaml = Valid.Replace("\nauth:", "\nauth: !!map", StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var problem = Single(yaml);

        Assert.Equal(LineOf(yaml, "auth: !!map"), problem.Location.Line);
        Assert.StartsWith("the tag !!map is not allowed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoMillionCharacterUnknownKey_IsNamedByItsFirst80Characters()
    {
        // An explicit key ('? '): YAML limits implicit keys to 1024 characters, explicit ones not.
        var key = "x_" + new string('k', 1_999_998);
        var yaml = Valid + "? " + key + "\n: 1\n";

        var problem = Single(yaml);

        Assert.Equal(LineOf(yaml, "x_kkk"), problem.Location.Line);
        Assert.StartsWith($"unknown key '{key[..80]}\u2026 (2000000 characters)' in the definition (allowed: ", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Message.Length, 100, 1000);
    }

    [Fact]
    public void HugeValues_AreCutInMessages_WhateverTheirShape()
    {
        // A value without spaces, one with spaces, and one full of quotes: every message stays short.
        var words = string.Concat(Enumerable.Repeat("word ", 400_000));
        var quotes = string.Concat(Enumerable.Repeat("a'b ", 500_000));
        foreach (var value in new[] { new string('v', 2_000_000), words, quotes })
        {
            var yaml = System.Text.RegularExpressions.Regex.Replace(Valid, "(?m)^provider: .*$", "provider: \"" + value + "\"");

            var problem = Single(yaml);

            Assert.StartsWith("'provider' is '", problem.Message, StringComparison.Ordinal);
            Assert.InRange(problem.Message.Length, 30, 2000);
            Assert.Contains("\u2026", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShortMessages_AreLeftAsTheyAre()
    {
        var problem = new DefinitionProblem(new SourceLocation(File, 1, 1), $"'provider' is '{new string('p', 80)}' (allowed: servicestage, pai-dsw, evs)");

        Assert.Equal($"'provider' is '{new string('p', 80)}' (allowed: servicestage, pai-dsw, evs)", problem.Message);
    }
}
