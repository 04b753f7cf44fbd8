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

    [Fact]
    public void ParseUtf8_ByteOrderMark_IsRefusedAsTheServerRefusesIt()
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.ParseUtf8("\uFEFF{}"u8.ToArray(), "body"));

        Assert.Equal("body:1:1: not valid JSON: the payload starts with a UTF-8 byte order mark (EF BB BF); JSON text must not begin with one (RFC 8259, section 8.1)", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', (byte)'a', 0xFF, (byte)'"' }, 1, 3, "byte 0xFF at byte offset 2 does not form a UTF-8 character")]
    [InlineData(new byte[] { (byte)'[', (byte)'\n', (byte)' ', (byte)'"', 0xC3, (byte)'(', (byte)'"', (byte)']' }, 2, 3, "byte 0xC3 at byte offset 4 does not form a UTF-8 character")]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }, 1, 2, "byte 0xED at byte offset 1 does not form a UTF-8 character")]
    [InlineData(new byte[] { (byte)'"', (byte)'x', 0xE4, 0xB8 }, 1, 3, "the text ends inside a UTF-8 sequence (byte 0xE4 at byte offset 2 starts it)")]
    public void ParseUtf8_InvalidUtf8_IsReportedAsSuch_WithItsByteOffset(byte[] bytes, long line, long column, string reason)
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.ParseUtf8(bytes, "body"));

        Assert.Equal($"body:{line}:{column}: not valid UTF-8: {reason}", ex.Message);
        Assert.Equal("not valid UTF-8", ex.Kind);
    }

    [Theory]
    [InlineData("""{"action": "\ud800"}""", 1, 13, @"\ud800")]
    [InlineData("""{"action": "a\udc00b"}""", 1, 14, @"\udc00")]
    [InlineData("""{"action": "\uD83D\u0041"}""", 1, 13, @"\uD83D")]
    [InlineData("[\n  {\"\\ude00\": 1}]", 2, 5, @"\ude00")]
    public void Parse_EscapedLoneSurrogate_IsInvalidText_WithItsPlace(string text, long line, long column, string escape)
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse(text, "body"));

        Assert.Equal($"body:{line}:{column}: not valid text: the escape {escape} is an unpaired UTF-16 surrogate, which is not text", ex.Message);
    }

    [Fact]
    public void Parse_SurrogatePairsAndOtherEscapes_AreKept()
    {
        var node = JsonInput.Parse("""{"e": "\ud83d\ude00 \\ud800 \u00e9"}""", "body");

        Assert.Equal("\U0001F600 \\ud800 \u00e9", (string)node!["e"]!);
    }

    [Fact]
    public void Parse_TextWithARawLoneSurrogate_IsInvalidText()
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse("{\"a\": \"x\uD800\"}", "body"));

        Assert.Equal("body:1:9: not valid text: U+D800 at character 8 is an unpaired UTF-16 surrogate, which is not text", ex.Message);
    }

    [Fact]
    public void Parse_TwoHundredThousandNestedArrays_FailsAtDepth65_WithoutOverflowingTheStack()
    {
        var ex = Assert.Throws<JsonInputException>(() => JsonInput.Parse(Nested(200_000), "body"));

        Assert.Equal("body:1:65: not valid JSON: nested deeper than the maximum depth of 64 arrays and objects", ex.Message);
    }

    [Fact]
    public void Parse_Stream_NotSeekable_ReadsEverything()
    {
        var text = "[" + string.Join(',', Enumerable.Repeat("\"\u4e2d\"", 50_000)) + "]";
        using var stream = new OneWayStream(System.Text.Encoding.UTF8.GetBytes(text));

        var node = JsonInput.Parse(stream, "<stdin>");

        Assert.Equal(50_000, node!.AsArray().Count);
        Assert.Equal("\u4e2d", (string)node[49_999]!);
    }

    [Fact]
    public void ReadFile_ByteOrderMark_IsRefused_NotSilentlySkipped()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']);

            var ex = Assert.Throws<JsonInputException>(() => JsonInput.ReadFile(path, "payload.json"));

            Assert.StartsWith("payload.json:1:1: not valid JSON: the payload starts with a UTF-8 byte order mark", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_LargePayload_HoldsItsBytesOnce_NeverAsAString()
    {
        var path = Path.GetTempFileName();
        try
        {
            var text = "[" + string.Join(',', Enumerable.Repeat("\"" + new string('a', 2000) + "\"", 10_000)) + "]";
            File.WriteAllText(path, text);
            var size = new FileInfo(path).Length;

            var before = GC.GetAllocatedBytesForCurrentThread();
            var node = JsonInput.ReadFile(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // The bytes once, plus the document's index (System.Text.Json sizes it like the payload, rounded up to
            // a power of two): under three times the size. Reading a string first cost twice the size for the
            // string alone, then the UTF-8 copy and the index on top: over four times.
            Assert.Equal(10_000, node!.AsArray().Count);
            Assert.InRange(allocated, size, 3 * size);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
