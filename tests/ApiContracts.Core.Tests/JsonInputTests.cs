using ApiContracts.Core.Json;

namespace ApiContracts.Core.Tests;

public class JsonInputTests
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void Parse_ValidPayload_KeepsItsValues()
    {
        var node = JsonInput.Parse("""{"a": [1, 2.50, "x", null, true], "b": {"c": -0}}""", "body");

        Assert.Equal("""{"a":[1,2.50,"x",null,true],"b":{"c":-0}}""", node!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""")]
    [InlineData("""[{"a": 1}, {"b": {"c": 1, "c": 1}}]""")]
    [InlineData("""{"a\u0062": 1, "ab": 2}""")]
    public void Parse_DuplicateKey_IsRejected(string text)
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse(text, "body"));

        Assert.StartsWith("body:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate property", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"a\": 1,\n}", 3, 1)]
    [InlineData("[1, 2,]", 1, 7)]
    [InlineData("{\n  // note\n  \"a\": 1}", 2, 3)]
    [InlineData("{\"a\": ", 1, 7)]
    [InlineData("{} {}", 1, 4)]
    public void Parse_MalformedPayload_ReportsLineAndColumn(string text, long line, long column)
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse(text, "body"));

        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.StartsWith($"body:{line}:{column}: not valid JSON: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" Path:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DepthLimit_Is64()
    {
        Assert.NotNull(JsonInput.Parse(Nested(64), "body"));

        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse(Nested(65), "body"));
        Assert.Contains("depth of 64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<JsonInputException>(() => JsonInput.Parse(Nested(200), "body"));
    }
}
