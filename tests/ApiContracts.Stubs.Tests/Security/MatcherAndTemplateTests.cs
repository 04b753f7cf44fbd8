using System.Text.Json.Nodes;
using ApiContracts.Stubs.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Attack report 1, findings 4 and 5: regex and wildcard work without the 100 ms limit (JsonPartialWildcardMatcher,
/// request searches, Scriban, Handlebars' Random/JsonPath/Regex helpers) and templates that grow strings to
/// gigabytes (String.Repeat). Now: only matchers with a time limit or a linear cost, the same rewrite for
/// request searches, Handlebars only, and no template helpers at all.
/// </summary>
public sealed class MatcherAndTemplateTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    private static string WithMatcher(string matcher) =>
        """{"Request":{"Path":"/m","Methods":["POST"],"Body":{"Matcher":""" + matcher + """}},"Response":{"Body":"matched"}}""";

    [Theory]
    [InlineData("""{"Name":"JsonPartialWildcardMatcher","Pattern":{"a":"*a*a*a*a*a*a*b"}}""", "its wildcards run without the stub's time limit")]
    [InlineData("""{"Name":"SystemTextJsonPartialWildcardMatcher","Pattern":{"a":"*a*a*b"}}""", "its wildcards run without the stub's time limit")]
    [InlineData("""{"Name":"ContentTypeMatcher","Pattern":"*a*a*a*b"}""", "runs wildcards without the stub's time limit")]
    [InlineData("""{"Name":"FormUrlEncodedMatcher","Pattern":"a=*a*a*b"}""", "runs wildcards without the stub's time limit")]
    [InlineData("""{"Name":"XPathMatcher","Pattern":"//*[//*]"}""", "has no time limit")]
    [InlineData("""{"Name":"JmesPathMatcher","Pattern":"a[*].b"}""", "has no time limit")]
    [InlineData("""{"Name":"SimMetricsMatcher","Pattern":"abc"}""", "has no time limit")]
    [InlineData("""{"Name":"JsonPathMatcher","Pattern":"$[?(@.a =~ /^(a+)+$/)]"}""", "regular expressions in JSONPath (=~) run without a time limit")]
    [InlineData("""{"Name":"JsonPathMatcher","Pattern":"$..a..b"}""", "at most one deep scan")]
    [InlineData("""{"Name":"JsonPathMatcher","Patterns":["$.a","$[?(@..x)][?(@.y)]"]}""", "at most one deep scan")]
    [InlineData("""{"Name":"JsonPartialMatcher","Pattern":{"a":"^.*$"},"Regex":true}""", "use a RegexMatcher instead")]
    [InlineData("""{"Name":"ExactMatcher","PatternAsFile":"/etc/passwd"}""", "matchers may not read files")]
    [InlineData("""{"Name":"RegexMatcher","Patterns":[{"Pattern":"x","PatternAsFile":"/etc/passwd"}]}""", "matchers may not read files")]
    [InlineData("""{"Name":"RegexMatcher","Patterns":[{"Pattern":"^/(a+)+$"}]}""", "takes its patterns as strings")]
    [InlineData("""{"Name":"RegexMatcher","Pattern":"^x$","Patterns":["^y$"]}""", "give Pattern or Patterns, not both")]
    [InlineData("""{"Name":"WildcardMatcher","Pattern":"x*","Patterns":["y*"]}""", "give Pattern or Patterns, not both")]
    public async Task MatchersWithoutATimeLimit_AreRefused(string matcher, string words)
    {
        var answer = await _stub.Send("POST", "/__admin/mappings", WithMatcher(matcher));

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
    }

    [Theory]
    [InlineData("""{"Name":"JsonPathMatcher","Pattern":"$.things[?(@.name == 'x')]"}""", """{"things":[{"name":"x"}]}""")]
    [InlineData("""{"Name":"JsonPartialMatcher","Pattern":{"a":1}}""", """{"a":1,"b":2}""")]
    [InlineData("""{"Name":"RegexMatcher","Pattern":"^\\{\"a\":1"}""", """{"a":1}""")]
    [InlineData("""{"Name":"ExactMatcher","Pattern":"exact"}""", "exact")]
    public async Task MatchersWithALimitOrALinearCost_Work(string matcher, string body)
    {
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", WithMatcher(matcher))).Status);

        var answer = await _stub.Send("POST", "/m", body);

        Assert.Equal("matched", answer.Text);
    }

    [Fact]
    public async Task ARequestSearch_GetsTheTimedMatchers_EvenWhenWireMocksOwnRegexesWouldRunForever()
    {
        // UseRegexExtended makes WireMock.Net's own RegexMatcher run without any time limit: only the rewrite ends it.
        Assert.Equal(200, (await _stub.Send("PUT", "/__admin/settings", """{"UseRegexExtended": true}""")).Status);
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", """{"Request":{"Path":"/log"},"Response":{"Body":"x"}}""")).Status);
        await _stub.Get("/" + new string('a', 40) + "!");
        await _stub.Get("/log");

        var count = await _stub.Send("POST", "/__admin/requests/count", """{"Path":{"Matchers":[{"Name":"RegexMatcher","Pattern":"^/(a+)+$"}]}}""");
        var find = await _stub.Send("POST", "/__admin/requests/find", """{"Path":{"Matchers":[{"Name":"WildcardMatcher","Pattern":"/l*g"}]}}""");
        var refused = await _stub.Send("POST", "/__admin/requests/find", """{"Body":{"Matcher":{"Name":"JsonPartialWildcardMatcher","Pattern":{"a":"*a*b"}}}}""");

        Assert.Equal(200, count.Status);
        Assert.Equal(0, (int)count.Body!["Count"]!);
        Assert.Equal(200, find.Status);
        Assert.Single(find.Body!.AsArray());
        Assert.Equal(400, refused.Status);
    }

    [Fact]
    public void TheRequestSearchRewrite_PutsTheTimedMatcherIn()
    {
        var rewritten = System.Text.Encoding.UTF8.GetString(AdminGuard.RewriteRequestSearch(JsonNode.Parse("""{"Path":{"Matchers":[{"Name":"RegexMatcher","Pattern":"^/(a+)+$"}]},"Url":"/a*"}""")!));

        Assert.Contains(TimedMatchers.RegexName, rewritten, StringComparison.Ordinal);
        Assert.Contains(TimedMatchers.WildcardName, rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("\"RegexMatcher\"", rewritten, StringComparison.Ordinal);
    }

    private static string Templated(string body, string? type = null) =>
        """{"Request":{"Path":"/t"},"Response":{"Body":""" + JsonValue.Create(body).ToJsonString() + ""","UseTransformer":true""" + (type is null ? string.Empty : $",\"TransformerType\":\"{type}\"") + "}}";

    [Theory]
    [InlineData("{{String.Repeat \"x\" 100000000}}", "template helper 'String.Repeat' is not available")]
    [InlineData("{{Random Type=\"TextRegex\" Pattern=\"(a|b)*a(a|b){15}\"}}", "template helper 'Random' is not available")]
    [InlineData("{{JsonPath.SelectToken request.body \"$..[?(@.a =~ /x/)]\"}}", "template helper 'JsonPath.SelectToken' is not available")]
    [InlineData("{{File \"/etc/passwd\"}}", "template helper 'File' is not available")]
    [InlineData("{{Regex.Match request.path \"^(a+)+$\"}}", "template helper 'Regex.Match' is not available")]
    [InlineData("{{Environment.GetEnvironmentVariable \"PATH\"}}", "is not available")]
    [InlineData("{{#each request.query}}{{this}}{{/each}}", "loops ({{#each}}) are off")]
    [InlineData("{{#String.Join request.query}}x{{/String.Join}}", "block helper 'String.Join' is not available")]
    [InlineData("{{> partial}}", "partials are not offered")]
    [InlineData("{{lookup request.query (String.Repeat \"x\" 9)}}", "calls a helper")]
    [InlineData("{{#if (Math.Add 1 2)}}x{{/if}}", "calls a helper")]
    [InlineData("{{{{raw}}}}x{{{{/raw}}}}", "raw blocks")]
    [InlineData("{{request.path", "not closed")]
    [InlineData("a\\\\{{String.Repeat \"x\" 10}}b", "a backslash before an escaped mustache")]
    [InlineData("\\\\{{#each request.query}}x\\\\{{/each}}", "a backslash before an escaped mustache")]
    [InlineData("{{#if}}{{/if}}", "'if' takes exactly one argument")]
    [InlineData("{{#unless}}x{{/unless}}", "'unless' takes exactly one argument")]
    [InlineData("{{#with}}x{{/with}}", "'with' takes exactly one argument")]
    [InlineData("{{lookup}}", "'lookup' takes two or three arguments")]
    [InlineData("{{lookup request}}", "'lookup' takes two or three arguments")]
    [InlineData("{{request.url}}{{/if}}", "closes a block that was never opened")]
    [InlineData("{{#if request.path}}x{{/unless}}", "closes 'unless' while 'if' is open")]
    [InlineData("{{#if request.path}}", "the block '{{#if}}' is not closed")]
    [InlineData("{{else}}", "'else' outside a block")]
    public async Task TemplateHelpers_AreRefusedWhenTheMappingIsPosted(string body, string words)
    {
        var answer = await _stub.Send("POST", "/__admin/mappings", Templated(body));

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
    }

    [Theory]
    [InlineData("Scriban")]
    [InlineData("ScribanDotLiquid")]
    [InlineData("1")]
    public async Task TransformersOtherThanHandlebars_AreRefused(string type)
    {
        var answer = await _stub.Send("POST", "/__admin/mappings", Templated("{{ regex.match request.path '^(a+)+$' }}", type));

        Assert.Equal(400, answer.Status);
        Assert.Contains("only Handlebars templates are offered", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateWithMoreThan16Expressions_IsRefused()
    {
        var answer = await _stub.Send("POST", "/__admin/mappings", Templated(string.Concat(Enumerable.Repeat("{{request.body}}", 17))));

        Assert.Equal(400, answer.Status);
        Assert.Contains("at most 16", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainTemplates_StillRender()
    {
        var body = "path {{request.path}} {{#if request.query.x}}x={{request.query.x}}{{else}}no x{{/if}} {{lookup request.query \"y\"}} {{!-- a comment with }} --}}\\{{literal}}";
        Assert.Equal(201, (await _stub.Send("POST", "/__admin/mappings", Templated(body))).Status);

        var withX = await _stub.Get("/t?x=1&y=2");
        var without = await _stub.Get("/t");

        Assert.Equal("path /t x=1 2 {{literal}}", withX.Text);
        Assert.Equal("path /t no x  {{literal}}", without.Text);
    }

    [Theory]
    [InlineData("\"Headers\":{\"Content-Length\":\"100\"}", 204, "Content-Length may not be set by a mapping")]
    [InlineData("\"Headers\":{\"transfer-encoding\":\"chunked\"}", 200, "transfer-encoding may not be set by a mapping")]
    [InlineData("\"Headers\":{\"X-A\":\"a\\r\\nSet-Cookie: b=c\"}", 200, "a header value may not hold CR, LF or NUL")]
    [InlineData("\"Headers\":{\"X-A\":[\"ok\",\"a\\nb\"]}", 200, "a header value may not hold CR, LF or NUL")]
    [InlineData("\"Headers\":{\"X A\":\"b\"}", 200, "not a header name")]
    [InlineData("\"HeadersRaw\":\"X-A: 1\\nConnection: close\"", 200, "Connection may not be set by a mapping")]
    public async Task HeadersThatBreakTheAnswersFraming_AreRefused(string headers, int status, string words)
    {
        // Attack review 2, C: a 204 with Content-Length: 100 became an empty 500, a CR LF in a value a raw 404.
        var answer = await _stub.Send("POST", "/__admin/mappings", """{"Request":{"Path":"/h"},"Response":{"StatusCode":""" + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + headers + "}}");

        Assert.Equal(400, answer.Status);
        Assert.Contains(words, answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Server.WireMock.Mappings.Count(m => !m.IsAdminInterface));
    }

    [Fact]
    public async Task NoTemplateHelperIsRegistered_EvenForMappingsAddedInProcess()
    {
        // Past the admin guard, straight into WireMock.Net: the helper does not exist, so nothing is repeated.
        _stub.Server.WireMock.Given(Request.Create().WithPath("/in-process").UsingGet())
            .RespondWith(Response.Create().WithBody("{{String.Repeat \"ab\" 3}}").WithTransformer());
        _stub.Server.RefreshRouting();

        var answer = await _stub.Get("/in-process");

        Assert.DoesNotContain("ababab", answer.Text, StringComparison.Ordinal);
    }
}
