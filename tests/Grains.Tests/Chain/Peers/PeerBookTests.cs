using Grains.Chain.Peers;

namespace Grains.Tests.Chain.Peers;

public sealed class PeerBookTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly PeerBook _book = new(threshold: 3, banFor: TimeSpan.FromMinutes(10));

    [Fact]
    public void A_peer_is_ignored_from_the_strike_that_reaches_the_threshold_until_the_ban_ends()
    {
        Assert.False(_book.Strike("p", Start));
        Assert.False(_book.Strike("p", Start));
        Assert.False(_book.IsIgnored("p", Start));

        Assert.True(_book.Strike("p", Start));

        Assert.True(_book.IsIgnored("p", Start.AddMinutes(9)));
        Assert.False(_book.IsIgnored("p", Start.AddMinutes(10)));
        Assert.False(_book.IsIgnored("other", Start));
    }

    [Fact]
    public void Further_strikes_during_a_ban_do_not_extend_it()
    {
        for (var i = 0; i < 3; i++)
            _book.Strike("p", Start);

        Assert.False(_book.Strike("p", Start.AddMinutes(5)));
        Assert.Equal<(int, DateTimeOffset?)>((4, Start.AddMinutes(10)), _book.RecordOf("p", Start.AddMinutes(5)));
    }

    [Fact]
    public void After_a_ban_ends_the_peer_starts_again_from_no_strikes()
    {
        for (var i = 0; i < 3; i++)
            _book.Strike("p", Start);

        Assert.Equal<(int, DateTimeOffset?)>((0, null), _book.RecordOf("p", Start.AddMinutes(10)));
        Assert.False(_book.Strike("p", Start.AddMinutes(11)));
        Assert.Equal<(int, DateTimeOffset?)>((1, null), _book.RecordOf("p", Start.AddMinutes(11)));
    }
}
