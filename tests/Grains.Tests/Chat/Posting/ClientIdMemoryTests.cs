using Grains.Chat.Posting;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Posting;

public sealed class ClientIdMemoryTests
{
    private readonly ClientIdMemory _memory = new(capacity: 3);

    [Fact]
    public void A_client_id_answers_with_its_first_result_and_only_for_the_same_sender()
    {
        var first = Result(1);
        _memory.Remember("alice", "c-1", first);

        Assert.True(_memory.TryGet("alice", "c-1", out var again));
        Assert.Same(first, again);
        Assert.False(_memory.TryGet("bob", "c-1", out _));
        Assert.False(_memory.TryGet("alice", "c-2", out _));
    }

    [Fact]
    public void The_oldest_are_forgotten_first_once_the_memory_is_full()
    {
        for (var i = 1; i <= 4; i++)
            _memory.Remember("alice", $"c-{i}", Result(i));

        Assert.Equal(3, _memory.Count);
        Assert.False(_memory.TryGet("alice", "c-1", out _));
        Assert.True(_memory.TryGet("alice", "c-2", out _));
        Assert.True(_memory.TryGet("alice", "c-4", out _));
    }

    [Fact]
    public void A_forgotten_post_is_tried_afresh()
    {
        _memory.Remember("alice", "c-1", Result(1));

        _memory.Forget("alice", "c-1");

        Assert.False(_memory.TryGet("alice", "c-1", out _));
    }

    private static Task<ChatMessage> Result(long seq) =>
        Task.FromResult(new ChatMessage("g", seq, ChatEventKinds.Message, "alice", "alice", MessageTypes.Text, "hi", null, null, $"c-{seq}", null, DateTimeOffset.UnixEpoch));
}
