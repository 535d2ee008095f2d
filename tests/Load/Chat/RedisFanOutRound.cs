using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TestSupport;

namespace Load.Chat;

/// <summary>
/// The reference for the fan-out benchmark: Redis pub/sub on this machine with the same number of subscribers and
/// the same message rate. <c>redis-server</c> (apt-get'ed when missing) listens on a free loopback port; every
/// subscriber is one raw TCP connection that sent <c>SUBSCRIBE</c>. Both servers get the same chance to coalesce:
/// the chat gateway writes a connection's frames once per flush interval, and Redis writes a subscriber's pending
/// messages once per event-loop pass, so the publisher sends each interval's <c>PUBLISH</c> commands together
/// (pipelined) and each message carries its due time, so its latency includes the wait for its interval, as on the
/// chat side. Every frame a subscriber receives has the same length, so a subscriber counts bytes and reads the
/// timestamp at the payload's offset, no parsing. Both sides' client CPU is printed.
/// </summary>
internal static class RedisFanOutRound
{
    private const string Channel = "fanout";

    public static async Task<List<(FanOutResult Result, double ServerCpuSeconds, double ClientCpuSeconds)>> RunAsync(
        int subscribers, int rate, int seconds, int payloadBytes, int intervalMs, int runs, int warmup)
    {
        EnsureRedis();
        var port = FreePort.Next();
        using var server = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxclients", "30000", "--protected-mode", "no"])
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            await WaitForPortAsync(port);
            // Payload: 8 bytes of timestamp (hex, 16 chars) padded to the chat message's size.
            payloadBytes = Math.Max(payloadBytes, 16);
            var frame = Encoding.ASCII.GetBytes($"*3\r\n$7\r\nmessage\r\n${Channel.Length}\r\n{Channel}\r\n${payloadBytes}\r\n");
            var frameLength = frame.Length + payloadBytes + 2;
            var payloadOffset = frame.Length;

            var latency = new LatencyHistogram();
            var readers = new List<Subscriber>(subscribers);
            using var stop = new CancellationTokenSource();
            foreach (var batch in Enumerable.Range(0, subscribers).Chunk(500))
            {
                var connected = await Task.WhenAll(batch.Select(_ => Subscriber.ConnectAsync(port)));
                readers.AddRange(connected);
            }

            var running = readers.Select(r => Task.Run(() => r.RunAsync(frameLength, payloadOffset, latency, stop.Token))).ToList();
            using var publisher = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await publisher.ConnectAsync(IPAddress.Loopback, port);
            var results = new List<(FanOutResult, double, double)>();
            if (warmup > 0)
            {
                var (warm, _, _) = await RoundAsync(server, publisher, readers, latency, rate, warmup, payloadBytes, intervalMs);
                Console.WriteLine($"redis warm-up ({warmup} s, not counted): {warm.DeliveriesPerSecond:N0} deliveries/s, p99 {warm.P99Ms:F0} ms");
            }

            for (var run = 1; run <= runs; run++)
            {
                var (result, serverCpu, clientCpu) = await RoundAsync(server, publisher, readers, latency, rate, seconds, payloadBytes, intervalMs);
                results.Add((result, serverCpu, clientCpu));
                Console.WriteLine($"redis run {run}:");
                result.Print("  ");
                Console.WriteLine($"  cpu: redis-server {serverCpu:F1} s ({serverCpu * 1e6 / Math.Max(1, result.Delivered):F2} µs/delivery), subscribers and publisher {clientCpu:F1} s ({clientCpu * 1e6 / Math.Max(1, result.Delivered):F2} µs/delivery)");
            }

            await stop.CancelAsync();
            foreach (var reader in readers)
                reader.Dispose();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
            return results;
        }
        finally
        {
            if (!server.HasExited)
                server.Kill();
            server.WaitForExit();
        }
    }

    /// <summary>
    /// Publishes <paramref name="rate"/> messages a second for <paramref name="seconds"/>, each interval's messages in
    /// one send, then waits until every subscriber has them all or deliveries stop for 30 s.
    /// </summary>
    private static async Task<(FanOutResult Result, double ServerCpuSeconds, double ClientCpuSeconds)> RoundAsync(
        Process server, Socket publisher, List<Subscriber> readers, LatencyHistogram latency, int rate, int seconds, int payloadBytes, int intervalMs)
    {
        latency.Reset();
        var deliveredBefore = readers.Sum(r => Interlocked.Read(ref r.Deliveries));
        var serverCpu = Process.GetProcessById(server.Id).TotalProcessorTime;
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var prefix = Encoding.ASCII.GetBytes($"*3\r\n$7\r\nPUBLISH\r\n${Channel.Length}\r\n{Channel}\r\n${payloadBytes}\r\n");
        var commandLength = prefix.Length + payloadBytes + 2;
        var perInterval = (int)Math.Ceiling(rate * intervalMs / 1000.0) + 1;
        var commands = new byte[commandLength * perInterval];
        for (var c = 0; c < perInterval; c++)
        {
            var command = commands.AsSpan(c * commandLength, commandLength);
            prefix.CopyTo(command);
            command.Slice(prefix.Length + 16, payloadBytes - 16).Fill((byte)'x');
            command[^2] = (byte)'\r';
            command[^1] = (byte)'\n';
        }

        var replies = new byte[64 * 1024];
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, intervalMs));
        var sent = 0;
        for (var tick = 1; sent < total; tick++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(tick * interval.TotalSeconds * Stopwatch.Frequency));
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            // Every message due by now, stamped with its due time.
            var now = Stopwatch.GetTimestamp();
            var count = 0;
            while (sent < total && count < perInterval)
            {
                var due = start + (long)(sent * Stopwatch.Frequency / (double)rate);
                if (due > now)
                    break;
                var command = commands.AsSpan(count * commandLength, commandLength);
                Encoding.ASCII.GetBytes(due.ToString("x16", CultureInfo.InvariantCulture), command.Slice(prefix.Length, 16));
                sent++;
                count++;
            }

            if (count == 0)
                continue;
            await publisher.SendAsync(commands.AsMemory(0, count * commandLength));
            // One integer reply (number of receivers) per command; read them all so the socket's buffer never fills.
            for (var lines = 0; lines < count;)
            {
                var read = await publisher.ReceiveAsync(replies);
                lines += replies.AsSpan(0, read).Count((byte)'\n');
            }
        }

        var expected = (long)total * readers.Count;
        var delivered = await FanOutRound.AwaitDeliveriesAsync(() => readers.Sum(r => Interlocked.Read(ref r.Deliveries)) - deliveredBefore, expected);

        var serverUsed = (Process.GetProcessById(server.Id).TotalProcessorTime - serverCpu).TotalSeconds;
        var ownUsed = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds;
        var lastDelivery = readers.Max(r => Interlocked.Read(ref r.LastDeliveryTimestamp));
        var result = new FanOutResult(total, total, delivered, expected, 0, 0, (lastDelivery - start) / (double)Stopwatch.Frequency,
            latency.PercentileMs(0.50), latency.PercentileMs(0.99), latency.PercentileMs(1.0));
        return (result, serverUsed, ownUsed);
    }

    private static void EnsureRedis()
    {
        if (File.Exists("/usr/bin/redis-server"))
            return;
        Console.WriteLine("installing redis-server with apt-get");
        Command.Run("apt-get", ["install", "-y", "-qq", "redis-server"]);
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("redis-server did not listen");
    }

    private sealed class Subscriber : IDisposable
    {
        private readonly Socket _socket;
        public long Deliveries;
        public long LastDeliveryTimestamp;

        private Subscriber(Socket socket) => _socket = socket;

        public static async Task<Subscriber> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"SUBSCRIBE {Channel}\r\n"));
            // The confirmation: *3 $9 subscribe $6 fanout :1 — read exactly its length.
            var confirmation = Encoding.ASCII.GetByteCount($"*3\r\n$9\r\nsubscribe\r\n${Channel.Length}\r\n{Channel}\r\n:1\r\n");
            var buffer = new byte[confirmation];
            var read = 0;
            while (read < confirmation)
                read += await socket.ReceiveAsync(buffer.AsMemory(read));
            return new Subscriber(socket);
        }

        public async Task RunAsync(int frameLength, int payloadOffset, LatencyHistogram latency, CancellationToken stop)
        {
            var buffer = new byte[64 * 1024];
            long position = 0;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, stop);
                    if (read == 0)
                        return;
                    var now = Stopwatch.GetTimestamp();
                    // Timestamps of frames whose 16 hex digits lie wholly in this chunk.
                    var chunkStart = position;
                    var firstFrame = chunkStart / frameLength;
                    for (var f = firstFrame; (f * frameLength) + payloadOffset < chunkStart + read; f++)
                    {
                        var at = (f * frameLength) + payloadOffset - chunkStart;
                        if (at >= 0 && at + 16 <= read && TryHex(buffer.AsSpan((int)at, 16), out var sent))
                            latency.Record(sent, now);
                    }

                    position += read;
                    Interlocked.Exchange(ref Deliveries, position / frameLength);
                    Interlocked.Exchange(ref LastDeliveryTimestamp, now);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        public void Dispose() => _socket.Dispose();

        private static bool TryHex(ReadOnlySpan<byte> digits, out long value)
        {
            value = 0;
            foreach (var d in digits)
            {
                var nibble = d is >= (byte)'0' and <= (byte)'9' ? d - '0' : d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10 : -1;
                if (nibble < 0)
                    return false;
                value = (value << 4) | (long)nibble;
            }

            return true;
        }
    }
}
