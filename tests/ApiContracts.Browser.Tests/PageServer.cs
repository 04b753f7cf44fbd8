using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiContracts.Browser.Tests;

/// <summary>A second origin: a bare HTTP server on another loopback port serving fixed files.</summary>
internal sealed class PageServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (string Type, byte[] Body)> _files;

    public PageServer(Dictionary<string, (string Type, byte[] Body)> files)
    {
        _files = files;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = Serve();
    }

    public string Url { get; }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var read = await stream.ReadAsync(buffer, _stop.Token);
                var target = Encoding.ASCII.GetString(buffer, 0, read).Split(' ') is [_, var t, ..] ? t.Split('?')[0] : "/";
                var (type, body) = _files.TryGetValue(target, out var file) ? file : ("text/plain", "not found"u8.ToArray());
                var status = _files.ContainsKey(target) ? "200 OK" : "404 Not Found";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
