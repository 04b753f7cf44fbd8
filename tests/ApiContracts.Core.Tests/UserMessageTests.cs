using ApiContracts.Core.Errors;

namespace ApiContracts.Core.Tests;

/// <summary>Messages as users read them: .NET's " (Parameter 'x')" never reaches them.</summary>
public sealed class UserMessageTests
{
    [Fact]
    public void Of_ArgumentExceptionWithAParameter_DropsTheSuffix()
    {
        Assert.Equal("unknown locale 'xx' (allowed: en, zh_CN)", UserMessage.Of(new ArgumentException("unknown locale 'xx' (allowed: en, zh_CN)", "locale")));
    }

    [Fact]
    public void Of_ArgumentOutOfRange_DropsTheSuffixAndKeepsTheRest()
    {
        var message = UserMessage.Of(new ArgumentOutOfRangeException("count", -1, "count -1: must be 0 or more"));

        Assert.StartsWith("count -1: must be 0 or more", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OtherExceptions_AreLeftAsTheyAre()
    {
        Assert.Equal("a (Parameter 'x') stays", UserMessage.Of(new IOException("a (Parameter 'x') stays")));
        Assert.Equal("no parameter", UserMessage.Of(new ArgumentException("no parameter")));
    }
}
