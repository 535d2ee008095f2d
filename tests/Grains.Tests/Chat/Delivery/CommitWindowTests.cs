using Grains.Chat.Delivery;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat.Delivery;

public sealed class CommitWindowTests
{
    private readonly CommitWindow _window = new(lastStored: 10);

    [Fact]
    public void Numbers_continue_after_what_is_stored()
    {
        Assert.Equal((10, 10), (_window.LastAssigned, _window.LastCommitted));
        Assert.Equal(11, _window.Assign());
        Assert.Equal(12, _window.Assign());
        Assert.Equal(10, _window.LastCommitted);
    }

    [Fact]
    public void A_message_committed_early_waits_for_every_earlier_one_and_all_go_out_in_order()
    {
        var (a, b, c) = (_window.Assign(), _window.Assign(), _window.Assign());

        _window.Commit(c, Message(c));
        _window.Commit(b, Message(b));
        Assert.False(_window.HasReleased);
        Assert.Equal(10, _window.LastCommitted);

        _window.Commit(a, Message(a));
        Assert.Equal([a, b, c], _window.TakeReleased().Select(m => m.Seq));
        Assert.Equal(c, _window.LastCommitted);
        Assert.Empty(_window.TakeReleased());
    }

    [Fact]
    public void A_number_with_nothing_to_publish_only_moves_the_window_on()
    {
        var (a, b) = (_window.Assign(), _window.Assign());

        _window.Commit(b, Message(b));
        _window.Commit(a, null);

        Assert.Equal([b], _window.TakeReleased().Select(m => m.Seq));
        Assert.Equal(b, _window.LastCommitted);
    }

    [Fact]
    public void Numbers_another_activation_used_are_skipped_without_publishing()
    {
        var mine = _window.Assign();
        _window.Commit(mine, null);

        _window.SkipTo(15);

        Assert.Equal((15, 15), (_window.LastAssigned, _window.LastCommitted));
        Assert.False(_window.HasReleased);
        Assert.Equal(16, _window.Assign());
    }

    [Fact]
    public void Released_messages_are_dropped_when_nobody_is_online()
    {
        var a = _window.Assign();
        _window.Commit(a, Message(a));

        _window.DropReleased();

        Assert.False(_window.HasReleased);
        Assert.Equal(a, _window.LastCommitted);
    }

    [Fact]
    public void A_number_given_back_last_is_taken_back_and_one_given_back_earlier_goes_to_the_next_post()
    {
        var a = _window.Assign();
        var b = _window.Assign();
        var c = _window.Assign();

        _window.Release(c);
        Assert.Equal(b, _window.LastAssigned);
        _window.Release(a);
        _window.Commit(b, Message(b));
        var next = _window.Assign();
        _window.Commit(next, Message(next));

        Assert.Equal(a, next);
        Assert.Equal(b, _window.LastCommitted);
        Assert.Equal([a, b], _window.TakeReleased().Select(m => m.Seq));
        Assert.Equal(b + 1, _window.Assign());
    }

    [Fact]
    public void Giving_back_the_last_number_also_takes_back_free_numbers_below_it()
    {
        var a = _window.Assign();
        var b = _window.Assign();

        _window.Release(a);
        _window.Release(b);

        Assert.Equal(a - 1, _window.LastAssigned);
        Assert.Equal(a, _window.Assign());
    }

    private static ChatMessage Message(long seq) =>
        new("g", seq, ChatEventKinds.Message, "alice", "alice", MessageTypes.Text, $"#{seq}", null, null, $"c{seq}", null, DateTimeOffset.UnixEpoch);
}
