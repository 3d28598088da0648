using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Witn.Api.Tests;

/// <summary>
/// One HTTP/1.1 request over a plain socket, with the request target sent byte for byte: <see cref="HttpClient"/>
/// (through <see cref="Uri"/>) resolves <c>%2e%2e</c> and <c>..</c> before sending, so it cannot send the hostile
/// targets these tests are about.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string ContentType, string Body);

    public static async Task<Answer> SendAsync(Uri server, string method, string target, string? key, string? contentType = null, byte[]? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        if (key is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Authorization: Bearer {key}\r\n");
        }

        if (contentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancellationToken);
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (IOException)
        {
            // The server may reset the connection after answering a request it refused early.
        }

        return Parse(received.ToArray());
    }

    private static Answer Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return new Answer(0, "", Encoding.UTF8.GetString(bytes));
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return new Answer(status, headers.GetValueOrDefault("Content-Type") ?? "", Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        using var result = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            var start = at + lineEnd + 2;
            var take = Math.Min(size, chunked.Length - start);
            result.Write(chunked, start, take);
            at = start + take + 2;
        }

        return result.ToArray();
    }
}
