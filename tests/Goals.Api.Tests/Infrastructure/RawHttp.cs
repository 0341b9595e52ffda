using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>HTTP/1.1 over a plain socket, for requests no HTTP client would send (bad framing, stalls, truncation).</summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonObject? Json => Body.Length == 0 ? null : JsonNode.Parse(Body) as JsonObject;
    }

    /// <summary>Sends <paramref name="request"/>, optionally half-closes, and reads until the server closes the connection.
    /// Null when the server closed it without answering.</summary>
    public static async Task<Response?> SendAsync(Uri server, byte[] request, bool closeAfterSending = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        if (closeAfterSending) client.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // reset by the server after (or instead of) its answer
        }

        return received.Length == 0 ? null : Parse(received.ToArray());
    }

    private static Response Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..headerEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines[1..].Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(headerEnd + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked")) body = Unchunk(body);
        return new Response(status, headers, body);
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, lineEnd + 2, size); // the bodies here are ASCII JSON: chars = bytes
            at = lineEnd + 2 + size + 2;
        }
    }
}
