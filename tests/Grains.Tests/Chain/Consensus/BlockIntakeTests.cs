using Grains.Chain.Consensus;
using Grains.Chain.Model;

namespace Grains.Tests.Chain.Consensus;

public sealed class BlockIntakeTests
{
    private readonly ChainTestKit _we = new();
    private readonly ChainTestKit _peer = new();

    [Fact]
    public void New_blocks_are_added_parents_first_and_known_ones_skipped()
    {
        var one = _peer.Extend(_peer.Tree.Genesis).Block;
        var two = _peer.Extend(_peer.Tree.Tip).Block;
        var three = _peer.Extend(_peer.Tree.Tip).Block;
        _we.Add(one);

        var intake = BlockIntake.Accept(_we.Tree, [one, two, three], ChainTestKit.Now);

        Assert.Null(intake.Violation);
        Assert.Equal([two.Hash, three.Hash], intake.Added.Select(e => e.Hash));
        Assert.Equal(three.Hash, _we.Tree.Tip.Hash);
        Assert.True(intake.Added[0].Sequence < intake.Added[1].Sequence);
    }

    [Fact]
    public void The_first_block_that_breaks_a_rule_stops_the_rest()
    {
        var one = _peer.Extend(_peer.Tree.Genesis).Block;
        var greedy = _peer.Make(_peer.Tree.Tip, coinbaseAmount: _peer.Parameters.BlockReward + 1);
        var validButLater = _peer.Make(_peer.Tree.Tip, miner: Address.ForLabel("another miner"));

        var intake = BlockIntake.Accept(_we.Tree, [one, greedy, validButLater], ChainTestKit.Now);

        Assert.Equal([one.Hash], intake.Added.Select(e => e.Hash));
        Assert.Equal(greedy.Hash, intake.Refused?.Hash);
        Assert.Equal(BlockValidator.CoinbaseAmount, intake.Violation?.Code);
        Assert.False(_we.Tree.Contains(greedy.Hash));
        Assert.False(_we.Tree.Contains(validButLater.Hash));
    }

    [Fact]
    public void A_block_whose_parent_is_unknown_is_a_broken_link()
    {
        _peer.Extend(_peer.Tree.Genesis);
        var orphan = _peer.Extend(_peer.Tree.Tip).Block;

        var intake = BlockIntake.Accept(_we.Tree, [orphan], ChainTestKit.Now);

        Assert.Empty(intake.Added);
        Assert.Equal(orphan.Hash, intake.Refused?.Hash);
        Assert.Equal(BlockValidator.Link, intake.Violation?.Code);
        Assert.Same(_we.Tree.Genesis, _we.Tree.Tip);
    }

    [Fact]
    public void Nothing_to_take_changes_nothing()
    {
        var intake = BlockIntake.Accept(_we.Tree, Array.Empty<Block>(), ChainTestKit.Now);

        Assert.Empty(intake.Added);
        Assert.Null(intake.Violation);
        Assert.Null(intake.Refused);
    }
}
