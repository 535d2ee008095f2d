using System.Buffers.Text;
using System.Diagnostics;

namespace Load.Chat;

/// <summary>
/// One simulated user's Server-Sent Events connection: counts message frames, checks their sequence numbers
/// for gaps and duplicates, and records post-to-delivery latency from the post time carried in the text.
/// </summary>
internal sealed class LiveReader(string userId, string token, LatencyHistogram latency)
{
    private static ReadOnlySpan<byte> FrameEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> IdField => "id: "u8;
    private static ReadOnlySpan<byte> TextField => "\"text\":\""u8;
    private static ReadOnlySpan<byte> ReadyEvent => "event: ready"u8;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSeq = -1;

    public string UserId { get; } = userId;
    public string Token { get; } = token;
    public Task Ready => _ready.Task;
    public long Deliveries;
    public long Duplicates;
    public long Gaps;
    public long LastDeliveryTimestamp;

    public async Task RunAsync(HttpClient http, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(stop);
        var buffer = new byte[32 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                var read = await body.ReadAsync(buffer.AsMemory(length), stop);
                if (read == 0)
                    break;
                length += read;
                var consumed = Process(buffer.AsSpan(0, length), Stopwatch.GetTimestamp());
                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private int Process(ReadOnlySpan<byte> data, long now)
    {
        var consumed = 0;
        while (true)
        {
            var end = data[consumed..].IndexOf(FrameEnd);
            if (end < 0)
                return consumed;
            var frame = data.Slice(consumed, end);
            consumed += end + FrameEnd.Length;
            if (frame.StartsWith(ReadyEvent))
            {
                _ready.TrySetResult();
                continue;
            }

            var id = frame.IndexOf(IdField);
            if (id < 0)
                continue;
            var idValue = frame[(id + IdField.Length)..];
            idValue = idValue[..idValue.IndexOf((byte)'\n')];
            Utf8Parser.TryParse(idValue[(idValue.LastIndexOf((byte)':') + 1)..], out long seq, out _);
            if (_lastSeq >= 0 && seq <= _lastSeq)
            {
                Duplicates++;
                continue;
            }

            if (_lastSeq >= 0 && seq > _lastSeq + 1)
                Gaps++;
            _lastSeq = seq;
            Deliveries++;
            LastDeliveryTimestamp = now;
            var text = frame.IndexOf(TextField);
            if (text >= 0 && Utf8Parser.TryParse(frame[(text + TextField.Length)..], out long postedAt, out _))
                latency.Record(postedAt, now);
        }
    }
}
