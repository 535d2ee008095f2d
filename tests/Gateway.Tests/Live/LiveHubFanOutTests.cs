using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Gateway.Live;
using Grains.Interfaces.Chat;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Live;

/// <summary>
/// The gateway's side of fan-out without a cluster: the hub, the flusher and connections writing into in-memory
/// pipes. Shards send the same recipient list with the same stamp until it changes; the hub resolves it once per
/// change, queues each interval's messages per list and hands them to every connection once per flush.
/// </summary>
public sealed class LiveHubFanOutTests : IAsyncLifetime
{
    private const string Group = "g1";
    private const string Source = "g1#0";

    private readonly LiveOptions _options = new() { FlushIntervalMs = 20 };
    private readonly LiveHub _hub;
    private readonly LiveFlusher _flusher;
    private readonly List<Stream> _streams = [];
    private readonly CancellationTokenSource _stop = new();

    public LiveHubFanOutTests()
    {
        _hub = new LiveHub(_options);
        _flusher = new LiveFlusher(_options, _hub, NullLogger<LiveFlusher>.Instance);
    }

    public Task InitializeAsync() => _flusher.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var stream in _streams)
            await stream.DisposeAsync();
        await _flusher.StopAsync(CancellationToken.None);
        _flusher.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task A_shards_list_is_resolved_once_while_its_stamp_holds_and_every_recipient_gets_every_message()
    {
        var ann = Connect("ann");
        var bob = Connect("bob");

        for (var seq = 1; seq <= 3; seq++)
            await _hub.DeliverAsync(new LiveBatch([Message(seq)], ["ann", "bob", "nobody-here"], Source, RecipientsStamp: 7));

        Assert.Equal(new long[] { 1, 2, 3 }, await ann.SeqsAsync(3));
        Assert.Equal(new long[] { 1, 2, 3 }, await bob.SeqsAsync(3));
        Assert.Equal(1, _hub.Resolutions);
    }

    [Fact]
    public async Task A_new_stamp_resolves_again_and_who_left_the_list_gets_nothing_more()
    {
        var ann = Connect("ann");
        var bob = Connect("bob");
        await _hub.DeliverAsync(new LiveBatch([Message(1)], ["ann", "bob"], Source, RecipientsStamp: 7));
        await _hub.DeliverAsync(new LiveBatch([Message(2)], ["ann"], Source, RecipientsStamp: 8));
        await _hub.DeliverAsync(new LiveBatch([Message(3)], ["ann"], Source, RecipientsStamp: 8));
        await _hub.DeliverAsync(new LiveBatch([Note()], ["bob"]));

        Assert.Equal(new long[] { 1, 2, 3 }, await ann.SeqsAsync(3));
        Assert.Equal(new[] { "message:1", "private:0" }, await bob.EventsAsync(2));
        Assert.Equal(3, _hub.Resolutions); // stamp 7, stamp 8, and the note (never cached)
    }

    [Fact]
    public async Task A_user_who_connects_after_the_list_was_resolved_receives_what_follows()
    {
        var ann = Connect("ann");
        await _hub.DeliverAsync(new LiveBatch([Message(1)], ["ann", "cat"], Source, RecipientsStamp: 7));
        Assert.Equal(new long[] { 1 }, await ann.SeqsAsync(1));

        // The shard already listed cat (her presence reached it first); her stream opens now, the stamp is unchanged.
        var cat = Connect("cat");
        await _hub.DeliverAsync(new LiveBatch([Message(2)], ["ann", "cat"], Source, RecipientsStamp: 7));

        Assert.Equal(new long[] { 2 }, await ann.SeqsAsync(1));
        Assert.Equal(new long[] { 2 }, await cat.SeqsAsync(1));
    }

    [Fact]
    public async Task A_second_tab_of_a_listed_user_receives_without_resolving_again()
    {
        var first = Connect("ann");
        await _hub.DeliverAsync(new LiveBatch([Message(1)], ["ann"], Source, RecipientsStamp: 7));
        Assert.Equal(new long[] { 1 }, await first.SeqsAsync(1));

        var second = Connect("ann");
        await _hub.DeliverAsync(new LiveBatch([Message(2)], ["ann"], Source, RecipientsStamp: 7));

        Assert.Equal(new long[] { 2 }, await first.SeqsAsync(1));
        Assert.Equal(new long[] { 2 }, await second.SeqsAsync(1));
        Assert.Equal(1, _hub.Resolutions);
    }

    [Fact]
    public async Task A_note_sent_after_queued_messages_arrives_after_them()
    {
        var ann = Connect("ann");
        await _hub.DeliverAsync(new LiveBatch([Message(1), Message(2)], ["ann"], Source, RecipientsStamp: 7));
        await _hub.DeliverAsync(new LiveBatch([Note()], ["ann"]));

        Assert.Equal(new[] { "message:1", "message:2", "private:0" }, await ann.EventsAsync(3));
    }

    private static ChatMessage Message(long seq) =>
        new(Group, seq, ChatEventKinds.Message, "bob", "bob", MessageTypes.Text, $"message {seq}", null, null, null, null, DateTimeOffset.UnixEpoch);

    private static ChatMessage Note() =>
        new(Group, 0, ChatEventKinds.Private, null, null, MessageTypes.Text, "just for you", null, null, null, null, DateTimeOffset.UnixEpoch);

    private Stream Connect(string userId)
    {
        var pipe = new Pipe();
        var output = pipe.Writer;
        var connection = new LiveConnection(userId, null!, _flusher, NullLogger.Instance);
        _hub.Attach(connection);
        _ = connection.RunAsync(output, Encoding.UTF8.GetBytes("event: ready\ndata: {}\n\n"), new Dictionary<string, (long, long)>(), _stop.Token);
        var stream = new Stream(pipe.Reader, _stop.Token);
        _streams.Add(stream);
        return stream;
    }

    private sealed class Stream(PipeReader reader, CancellationToken stop) : IAsyncDisposable
    {
        private readonly Queue<(string Event, long Seq)> _events = new();

        public async Task<long[]> SeqsAsync(int count) => [.. (await TakeAsync(count)).Select(e => e.Seq)];

        public async Task<string[]> EventsAsync(int count) => [.. (await TakeAsync(count)).Select(e => $"{e.Event}:{e.Seq}")];

        public async ValueTask DisposeAsync() => await reader.CompleteAsync();

        private async Task<List<(string Event, long Seq)>> TakeAsync(int count)
        {
            var taken = new List<(string, long)>();
            while (taken.Count < count)
            {
                var next = await NextAsync();
                if (next.Event != "ready")
                    taken.Add(next);
            }

            return taken;
        }

        private async Task<(string Event, long Seq)> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (_events.Count == 0)
            {
                var read = await reader.ReadAsync(timeout.Token);
                var buffer = read.Buffer;
                while (TryTakeFrame(ref buffer, out var frame))
                    _events.Enqueue(Parse(frame));
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            return _events.Dequeue();
        }

        private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out string frame)
        {
            var text = Encoding.UTF8.GetString(buffer);
            var end = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (end < 0)
            {
                frame = string.Empty;
                return false;
            }

            frame = text[..end];
            buffer = buffer.Slice(Encoding.UTF8.GetByteCount(text[..(end + 2)]));
            return true;
        }

        private static (string Event, long Seq) Parse(string frame)
        {
            var lines = frame.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            using var json = JsonDocument.Parse(data);
            var seq = json.RootElement.TryGetProperty("seq", out var value) ? value.GetInt64() : 0;
            return (name, seq);
        }
    }
}
