using System.Net.Sockets;
using System.Text;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>Sends bytes no well-behaved client would (bad framing, short bodies) over a plain socket and reads the answer.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Text)> Send(string baseUrl, byte[] request, bool closeSend = false, TimeSpan? pause = null)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        if (pause is { } wait) await Task.Delay(wait);
        if (closeSend) client.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (Complete(buffer)) break;
            }
        }
        catch (IOException)
        {
            // The server may reset the connection after answering; what arrived is the answer.
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    // Headers read and Content-Length bytes of body arrived.
    private static bool Complete(MemoryStream buffer)
    {
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var header = text[..end];
        var line = header.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (line is null) return false;
        var length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= length;
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"));
}
