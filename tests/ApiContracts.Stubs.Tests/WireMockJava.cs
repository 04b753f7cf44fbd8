using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ApiContracts.Stubs.Tests;

/// <summary>
/// WireMock (Java) 3.x from the npm package the build fetches, run on a free loopback port as the README
/// shows it (<c>--enable-stub-cors</c>; response templating is local, on for the stubs that name the
/// <c>response-template</c> transformer, by default in 3.x).
/// </summary>
internal sealed class WireMockJava : IAsyncDisposable
{
    private readonly Process _process;

    private WireMockJava(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<WireMockJava> Start(string rootDir)
    {
        var jar = Path.Combine(AppContext.BaseDirectory, "tools", "wiremock-standalone.jar");
        Assert.True(File.Exists(jar), $"{jar} is missing: the build fetches it from npm (wiremock@3.13.2)");
        var port = FreePort();
        var start = new ProcessStartInfo("java", ["-Xmx256m", "-jar", jar, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1", "--root-dir", rootDir, "--enable-stub-cors", "--disable-banner", "--no-request-journal"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("a Java 11+ runtime ('java' on PATH) is needed to run WireMock Java; .ci/run installs one", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new WireMockJava(process, $"http://127.0.0.1:{port}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"WireMock Java exited with code {process.ExitCode}");
            try
            {
                if ((await client.GetAsync(new Uri(server.Url + "/__admin/health"))).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException("WireMock Java did not start within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
