using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Peers;

namespace Grains.Tests.Chain.Peers;

public sealed class BranchFetchTests
{
    // Two nodes on one network: "we" know genesis (and whatever a test adds), the peer has a longer chain.
    private readonly ChainTestKit _we = new();
    private readonly ChainTestKit _peer = new();
    private readonly List<Block> _peerChain = [];

    public BranchFetchTests()
    {
        var tip = _peer.Tree.Genesis;
        for (var i = 0; i < 5; i++)
        {
            tip = _peer.Extend(tip);
            _peerChain.Add(tip.Block);
        }
    }

    [Fact]
    public void A_branch_is_asked_for_newest_first_in_batches_and_handed_out_oldest_first()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);
        var asks = 0;
        while (fetch.NeedsMore())
        {
            asks++;
            fetch.Take(PeerAnswer(fetch.Next, Math.Min(2, fetch.BatchSize)), "peer");
        }

        Assert.Equal(3, asks);
        Assert.Null(fetch.Problem);
        Assert.Equal(_peerChain.Select(b => b.Hash), fetch.Blocks.Select(b => b.Hash));
    }

    [Fact]
    public void A_batch_reaching_a_block_this_node_knows_ends_the_branch_there()
    {
        _we.Add(_peerChain[0]);
        _we.Add(_peerChain[1]);
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);

        fetch.Take(PeerAnswer(fetch.Next, 10), "peer");

        Assert.False(fetch.NeedsMore());
        Assert.Equal(_peerChain.Skip(2).Select(b => b.Hash), fetch.Blocks.Select(b => b.Hash));
    }

    [Fact]
    public void An_announced_block_whose_parent_is_known_needs_no_fetch()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[0].Hash, maxBlocks: 100);

        fetch.TakeAnnounced(_peerChain[0]);

        Assert.False(fetch.NeedsMore());
        Assert.Equal([_peerChain[0].Hash], fetch.Blocks.Select(b => b.Hash));
    }

    [Fact]
    public void A_block_other_than_the_one_asked_for_is_a_broken_link()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);

        fetch.Take([_peerChain[2].Encode()], "peer");

        Assert.Equal(BlockValidator.Link, fetch.Problem?.Code);
        Assert.Empty(fetch.Blocks);
        Assert.False(fetch.NeedsMore());
    }

    [Fact]
    public void A_block_without_the_work_its_header_claims_is_refused_before_the_branch_is_complete()
    {
        var fake = _peer.Make(_peer.Tree.Tip, validProof: false);
        var fetch = new BranchFetch(_we.Tree, fake.Hash, maxBlocks: 100);

        fetch.TakeAnnounced(fake);

        Assert.Equal(BlockValidator.Proof, fetch.Problem?.Code);
        Assert.Empty(fetch.Blocks);
    }

    [Fact]
    public void Bytes_that_are_not_a_block_are_malformed()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);

        fetch.Take([[1, 2, 3]], "peer");

        Assert.Equal(BlockValidator.Malformed, fetch.Problem?.Code);
    }

    [Fact]
    public void An_empty_answer_means_the_peer_lacks_the_block_it_announced()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);

        fetch.Take([], "peer");

        Assert.Equal("missing_ancestors", fetch.Problem?.Code);
    }

    [Fact]
    public void A_branch_longer_than_the_limit_is_given_up()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 2);
        Assert.True(fetch.NeedsMore());
        Assert.Equal(2, fetch.BatchSize);

        fetch.Take(PeerAnswer(fetch.Next, fetch.BatchSize), "peer");

        Assert.False(fetch.NeedsMore());
        Assert.Equal("fetch_limit", fetch.Problem?.Code);
        Assert.Empty(fetch.Blocks);
    }

    [Fact]
    public void A_peer_that_stops_answering_leaves_no_blocks_and_no_blame()
    {
        var fetch = new BranchFetch(_we.Tree, _peerChain[^1].Hash, maxBlocks: 100);
        fetch.Take(PeerAnswer(fetch.Next, 2), "peer");

        fetch.PeerStoppedAnswering();

        Assert.True(fetch.PeerUnreachable);
        Assert.Null(fetch.Problem);
        Assert.Empty(fetch.Blocks);
        Assert.False(fetch.NeedsMore());
    }

    /// <summary>What the peer's <c>GetAncestorsAsync</c> answers: the block and its ancestors, newest first.</summary>
    private List<byte[]> PeerAnswer(Hash256 hash, int max)
    {
        var answer = new List<byte[]>();
        for (var entry = _peer.Tree.Find(hash); entry is not null && answer.Count < max; entry = entry.Parent)
            answer.Add(entry.Block.Encode());
        return answer;
    }
}
