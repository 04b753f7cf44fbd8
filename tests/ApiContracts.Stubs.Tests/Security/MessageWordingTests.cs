namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, finding 16: refusals on the admin routes speak to the user, never in .NET's words for a
/// C# parameter (" (Parameter 'locale')").
/// </summary>
public sealed class MessageWordingTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task FixturesWithAnUnknownLocale_SaysWhichLocalesExist_WithoutTheParameterSuffix()
    {
        var answer = await _stub.Get("/__stub/fixtures?api=evs-snapshots-detail&locale=xx");

        Assert.Equal(400, answer.Status);
        Assert.Equal("unknown locale 'xx' (allowed: en, zh_CN)", (string?)answer.Body!["error"]!["message"]);
    }

    [Theory]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&locale=xx", null)]
    [InlineData("GET", "/__stub/fixtures?api=nothing", null)]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&parent=nope", null)]
    [InlineData("GET", "/__stub/fixtures?api=evs-snapshots-detail&format=xml", null)]
    [InlineData("PUT", "/__stub/scenario", """{"default": "nonsense"}""")]
    [InlineData("POST", "/__stub/reseed", """{"size": -5}""")]
    [InlineData("PUT", "/__stub/faults", """{"rate": 5}""")]
    [InlineData("POST", "/__stub/provider-states", """{"state": "a known parent with records", "params": {"size": 1}}""")]
    [InlineData("POST", "/__stub/provider-states", """{"state": "no such state"}""")]
    public async Task AdminRefusals_NeverEndInAParameterName(string method, string path, string? body)
    {
        var answer = await _stub.Send(method, path, body);

        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain("(Parameter '", answer.Text, StringComparison.Ordinal);
    }
}
