using ApiContracts.Core.Schemas;
using ApiContracts.Core.Validation;

namespace ApiContracts.Core.Tests;

/// <summary>The formats the schemas rely on, checked by their RFCs.</summary>
public class FormatsTests
{
    [Theory]
    [InlineData("2021-01-12T14:36:01Z", true)]
    [InlineData("2021-01-12t14:36:01z", true)]
    [InlineData("2021-01-12T14:36:01.123456+08:00", true)]
    [InlineData("2020-02-29T00:00:00-00:00", true)]
    [InlineData("1998-12-31T23:59:60Z", true)]
    [InlineData("1998-12-31T15:59:60.123-08:00", true)]
    [InlineData("2021-01-12T14:36:01", false)]
    [InlineData("2021-13-12T14:36:01Z", false)]
    [InlineData("2021-02-29T00:00:00Z", false)]
    [InlineData("2021-04-31T00:00:00Z", false)]
    [InlineData("2021-01-12 14:36:01Z", false)]
    [InlineData("2021-01-12T24:00:00Z", false)]
    [InlineData("2021-01-12T14:60:00Z", false)]
    [InlineData("1998-12-31T23:58:60Z", false)]
    [InlineData("2021-01-12T14:36:01+24:00", false)]
    [InlineData("2021-01-12T14:36:01.Z", false)]
    [InlineData("2021-01-12T14:36:01Z\n", false)]
    [InlineData("２０２１-01-12T14:36:01Z", false)]
    public void DateTime_FollowsRfc3339(string text, bool valid) => Assert.Equal(valid, Formats.IsDateTime(text));

    [Theory]
    [InlineData("https://172.28.9.185:8776/v2/20a68d6b7a124ae2b6b8a22046ee5966/snapshots/detail?limit=1&marker=fc05d5d7", true)]
    [InlineData("http://127.0.0.1:8080/v2/p/cloudsnapshots/detail?limit=1#top", true)]
    [InlineData("http://[::1]:80/", true)]
    [InlineData("http://user:pass@example.com/a%20b", true)]
    [InlineData("urn:apicontracts:evs-snapshots-detail:response.200", true)]
    [InlineData("mailto:someone@example.com", true)]
    [InlineData("a:b", true)]
    [InlineData("file:///etc/hosts", true)]
    [InlineData("/relative", false)]
    [InlineData("relative/path", false)]
    [InlineData("//example.com/a", false)]
    [InlineData("https://a b", false)]
    [InlineData("http://example.com/%zz", false)]
    [InlineData("http://example.com/ü", false)]
    [InlineData("1http://example.com", false)]
    [InlineData("http://[::1/", false)]
    [InlineData("http://example.com:80a/", false)]
    [InlineData("http://example.com/\n", false)]
    public void Uri_IsAnAbsoluteRfc3986Uri(string text, bool valid) => Assert.Equal(valid, Formats.IsUri(text));

    [Fact]
    public void RelativePath_IsNotAUri_ThoughDotNetOnLinuxReadsItAsAFileUri()
    {
        Assert.False(Formats.IsUri("/relative"));
        Assert.False(Formats.IsValid("uri", "/relative"));
        Assert.Equal(OperatingSystem.IsWindows() ? false : true, Uri.TryCreate("/relative", UriKind.Absolute, out _));
    }

    [Fact]
    public void OtherFormats_AreJsonSchemaNets()
    {
        Assert.True(Formats.IsValid("email", "someone@example.com"));
        Assert.False(Formats.IsValid("email", "not an address"));
        Assert.True(Formats.IsValid("x-unknown-format", "anything"));
    }

    [Fact]
    public void Validator_AssertsFormats()
    {
        var schema = Repo.Parse("""{"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}, "link": {"type": "string", "format": "uri"}}}""");

        var errors = new SchemaValidator(schema).Validate(Repo.Parse("""{"at": "2021-02-30T00:00:00Z", "link": "/relative"}"""));

        Assert.Contains(errors, e => e.Pointer == "/at" && e.Message == "string \"2021-02-30T00:00:00Z\" is not a valid date-time");
        Assert.Contains(errors, e => e.Pointer == "/link" && e.Message == "string \"/relative\" is not a valid uri");
    }

    [Theory]
    [InlineData("2021-01-12T14:36:01Z", true)]
    [InlineData("2021-13-12T14:36:01Z", false)]
    [InlineData("2021-01-32T14:36:01Z", false)]
    [InlineData("2021-01-12T25:36:01Z", false)]
    [InlineData("2021-01-12T14:36:01", false)]
    [InlineData("2021-01-12T14:36:01Z\n", false)]
    public void DateTimePattern_CarriesTheShape(string text, bool matches)
    {
        var schema = Repo.Parse($$"""{"type": "string", "pattern": {{System.Text.Json.JsonSerializer.Serialize(SchemaBuilder.Anchored(SchemaBuilder.DateTimePattern))}}}""");

        Assert.Equal(matches, new SchemaValidator(schema).Validate(System.Text.Json.Nodes.JsonValue.Create(text)).Count == 0);
    }
}
