using System.Text;
using ApiContracts.Core.Tests;
using static ApiContracts.Cli.Tests.CliRunner;

namespace ApiContracts.Cli.Tests;

/// <summary>
/// How <c>validate</c> reads bytes: as the stub server reads a body (a BOM, invalid UTF-8 and escaped lone
/// surrogates are refused), reported as unreadable input (exit 2) with the place, never as a schema mismatch.
/// </summary>
public sealed class ValidateInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("apicontracts-validate-input").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Payload(byte[] bytes)
    {
        var path = Path.Combine(_folder, "payload.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Exit, string Out, string Err) ValidateAction(string file) =>
        Run("validate", "--root", Repo.Root, "--api", "servicestage-instance-action", "--request", "body", file);

    [Fact]
    public void ByteOrderMark_IsRefused_AsTheStubServerRefusesIt()
    {
        var file = Payload([.. Encoding.UTF8.GetPreamble(), .. """{"action": "restart"}"""u8]);

        var (exit, output, error) = ValidateAction(file);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"{file}:1:1: not valid JSON: the payload starts with a UTF-8 byte order mark (EF BB BF)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsReportedAsSuch_WithItsByteOffset_NotAsAnEnumMismatch()
    {
        var file = Payload([.. """{"action": "sc"""u8, 0xFF, .. """ale"}"""u8]);

        var (exit, output, error) = ValidateAction(file);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("is not one of", output + error, StringComparison.Ordinal);
        Assert.Contains($"{file}:1:15: not valid UTF-8: byte 0xFF at byte offset 14 does not form a UTF-8 character", error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_OnStandardInput_IsReportedAsSuch()
    {
        var (exit, _, error) = RunWithBytes([.. "{\n  \"action\": \""u8, 0xC3, 0x28, .. "\"}"u8], "validate", "--root", Repo.Root, "--api", "servicestage-instance-action", "--request", "body", "-");

        Assert.Equal(2, exit);
        Assert.Contains("<stdin>:2:14: not valid UTF-8: byte 0xC3 at byte offset 15 does not form a UTF-8 character", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedLoneSurrogate_IsInvalidInput_NotAnInternalError()
    {
        var file = Payload("""{"action": "\ud800"}"""u8.ToArray());

        var (exit, _, error) = ValidateAction(file);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:1:13: not valid text: the escape \\ud800 is an unpaired UTF-16 surrogate, which is not text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoHundredThousandNestedArrays_ExitTwo_WithoutOverflowingTheStack()
    {
        var file = Payload(Encoding.ASCII.GetBytes(new string('[', 200_000) + new string(']', 200_000)));

        var (exit, _, error) = ValidateAction(file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}:1:65: not valid JSON: nested deeper than the maximum depth of 64 arrays and objects", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> Payloads() => new()
    {
        { "byte order mark", [.. Encoding.UTF8.GetPreamble(), .. """{"action": "restart"}"""u8] },
        { "invalid UTF-8", [.. """{"action": "sc"""u8, 0xFF, .. """ale"}"""u8] },
        { "truncated UTF-8", """{"action": "restart", "x": "中"""u8[..^2].ToArray() },
        { "lone surrogate", """{"action": "\ud800"}"""u8.ToArray() },
        { "deep nesting", Encoding.ASCII.GetBytes("{\"action\": " + new string('[', 100) + new string(']', 100) + "}") },
        { "valid", """{"action": "restart"}"""u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task ValidateAndTheStubServer_DecideAlike_WithTheSameWords(string what, byte[] bytes)
    {
        var file = Payload(bytes);
        var (exit, _, error) = ValidateAction(file);
        using var server = ApiContracts.Stubs.Hosting.StubServer.Start(Repo.Catalog, new ApiContracts.Stubs.Hosting.StubServerOptions { Port = 0 });
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + ActionPath) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("X-Auth-Token", "t");
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var answer = await client.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();

        if (what == "valid")
        {
            Assert.Equal((0, 200), (exit, (int)answer.StatusCode));
            return;
        }

        Assert.Equal((2, 400), (exit, (int)answer.StatusCode));
        // validate says "<file>:1:1: not valid ...: reason"; the server's message says "body:1:1: not valid ...: reason".
        var flat = error.ReplaceLineEndings(string.Empty);
        var reason = flat[(flat.IndexOf(file, StringComparison.Ordinal) + file.Length)..].Trim();
        Assert.Contains("body" + reason, System.Text.Json.Nodes.JsonNode.Parse(text)!["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private const string ActionPath = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/action";

    [Fact]
    public void LargePayload_FromAFileAndFromStandardInput_IsValidated()
    {
        // About 25 MB of snapshots; the file is read as bytes once, never as a string (see JsonInputTests for the allocation bound).
        var items = string.Join(",\n", Enumerable.Range(0, 60_000).Select(i =>
            $$"""{"id": "0f94b148-6a85-4bfb-be08-{{i:D12}}", "status": "available", "name": "snapshot-{{i}}", "description": "{{new string('d', 200)}}", "created_at": "2025-05-31T23:59:59.116262", "updated_at": "2025-05-31T23:59:59.999190", "metadata": {}, "volume_id": "0ae4d8b8-489c-4fef-bd4a-40be913eea9e", "size": 20, "os-extended-snapshot-attributes:project_id": "20a68d6b7a124ae2b6b8a22046ee5966", "os-extended-snapshot-attributes:progress": "100%", "service_type": "EVS"}"""));
        var bytes = Encoding.UTF8.GetBytes($$"""{"count": 60000, "snapshots": [{{items}}]}""");
        Assert.True(bytes.Length > 20_000_000, $"{bytes.Length} bytes");
        var file = Payload(bytes);

        var fromFile = Run("validate", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--response", "200", file);
        var fromStdin = RunWithBytes(bytes, "validate", "--root", Repo.Root, "--api", "evs-snapshots-detail", "--response", "200", "-");

        Assert.Equal((0, $"valid: {file} matches evs-snapshots-detail response.200"), (fromFile.Exit, fromFile.Out.Trim()));
        Assert.Equal((0, "valid: - matches evs-snapshots-detail response.200"), (fromStdin.Exit, fromStdin.Out.Trim()));
    }
}
