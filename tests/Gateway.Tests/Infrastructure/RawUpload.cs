using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Posts an oversized JSON body over a plain socket and stops writing as soon as the server answers, counting the
/// body bytes it wrote. HttpClient does not fit: without Expect: 100-continue it writes the whole body before it
/// reads a response, so a server that answers 413 and closes shows up as a broken pipe instead of the 413.
/// </summary>
public static class RawUpload
{
    private const int Piece = 16 * 1024;
    private static readonly byte[] Head = Encoding.ASCII.GetBytes("{\"client_id\":\"big\",\"type\":\"text\",\"text\":\"");

    /// <summary>What came back, and how many body bytes the client had written by then.</summary>
    public sealed record Answer(HttpStatusCode Status, string ContentType, string Body, long BodyBytesWritten);

    /// <summary>
    /// Sends <c>POST <paramref name="path"/></c> announcing <paramref name="contentLength"/> bytes (null: chunked,
    /// no length) and writes body bytes until the server answers or <paramref name="budget"/> bytes are written. The
    /// body is never finished, so an answer is one the server gave without reading all of it; a server that waits for
    /// the rest fails the test after <paramref name="patience"/>.
    /// </summary>
    public static async Task<Answer> PostAsync(Uri server, string path, string? bearer, long? contentLength, long budget, TimeSpan patience)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Parse(server.Host), server.Port);
        var stream = new NetworkStream(socket, ownsSocket: false);

        var headers = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nConnection: close\r\n")
            .Append(contentLength is { } length ? string.Create(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n") : "Transfer-Encoding: chunked\r\n")
            .Append(bearer is null ? string.Empty : $"Authorization: Bearer {bearer}\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers.ToString()));

        var progress = new Progress();
        var reading = ReadToEndAsync(stream, progress);
        var writing = WriteBodyAsync(stream, chunked: contentLength is null, budget, progress);
        byte[] response;
        try
        {
            response = await reading.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no answer within {patience} after {progress.Written} body bytes: the server waits for the rest of the body");
            throw;
        }
        finally
        {
            // Ends a write still blocked on a server that stopped reading.
            socket.Dispose();
            await writing;
        }

        return Parse(response, progress.Written);
    }

    private static async Task WriteBodyAsync(Stream stream, bool chunked, long budget, Progress progress)
    {
        // The JSON opens in the first piece only; every later piece continues its string. (With the opening repeated,
        // the body stopped being valid JSON at the second piece, and a parser that got that far answered 400, not 413.)
        var first = new byte[Piece];
        Array.Fill(first, (byte)'a');
        Head.CopyTo(first, 0);
        var rest = new byte[Piece];
        Array.Fill(rest, (byte)'a');
        var framing = Encoding.ASCII.GetBytes($"{Piece:x}\r\n");
        try
        {
            while (progress.Written + Piece <= budget && !progress.Answered)
            {
                if (chunked)
                    await stream.WriteAsync(framing);
                await stream.WriteAsync(progress.Written == 0 ? first : rest);
                if (chunked)
                    await stream.WriteAsync("\r\n"u8.ToArray());
                progress.Add(Piece);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The server answered and closed the connection: stop sending.
        }
    }

    /// <summary>Everything the server sends until it closes (or resets) the connection.</summary>
    private static async Task<byte[]> ReadToEndAsync(Stream stream, Progress progress)
    {
        using var response = new MemoryStream();
        var buffer = new byte[8 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                response.Write(buffer, 0, read);
                progress.Answered = true;
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }

        return response.ToArray();
    }

    private static Answer Parse(byte[] response, long written)
    {
        var split = response.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(split > 0, $"no complete HTTP response: {Encoding.UTF8.GetString(response)}");
        var lines = Encoding.ASCII.GetString(response, 0, split).Split("\r\n");
        var status = (HttpStatusCode)int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = response.AsSpan(split + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Dechunk(body);
        var contentType = headers.GetValueOrDefault("Content-Type", string.Empty).Split(';')[0].Trim();
        return new Answer(status, contentType, Encoding.UTF8.GetString(body), written);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var end = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, end - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
                return body.ToArray();
            body.Write(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
    }

    private sealed class Progress
    {
        private long _written;
        private volatile bool _answered;

        public long Written => Interlocked.Read(ref _written);

        public bool Answered
        {
            get => _answered;
            set => _answered = value;
        }

        public void Add(long bytes) => Interlocked.Add(ref _written, bytes);
    }
}
