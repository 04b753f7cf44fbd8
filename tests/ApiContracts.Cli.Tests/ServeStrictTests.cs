using System.Diagnostics;
using System.Text.RegularExpressions;
using ApiContracts.Core.Tests;

namespace ApiContracts.Cli.Tests;

/// <summary><c>serve --strict</c>: documented-mandatory headers back to the API's 400, said in the banner.</summary>
public class ServeStrictTests
{
    private const string Snapshots = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots";

    [Theory]
    [InlineData(true, 400, "strict headers")]
    [InlineData(false, 200, "lenient headers")]
    public async Task Serve_StrictOrNot_DecidesTheAnswerToAGetWithoutContentType(bool strict, int status, string banner)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "apicontracts.dll");
        string[] args = [dll, "serve", "--port", "0", "--root", Repo.Root, "--admin-token", "strict-test-token"];
        var start = new ProcessStartInfo("dotnet", strict ? [.. args, "--strict"] : args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) lines.Add(line);
            var url = lines.Select(l => Regex.Match(l, "listening on (http://\\S+)")).Single(m => m.Success).Groups[1].Value;

            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url + Snapshots);
            request.Headers.Add("X-Auth-Token", "t");
            using var response = await client.SendAsync(request);
            var settings = await client.GetStringAsync(new Uri(url + "/__stub/settings"));

            Assert.Contains(lines, l => l.Contains(banner, StringComparison.Ordinal));
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(!strict, response.Headers.Contains("X-Stub-Warning"));
            Assert.Contains($"\"strict\":{(strict ? "true" : "false")}", settings, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
