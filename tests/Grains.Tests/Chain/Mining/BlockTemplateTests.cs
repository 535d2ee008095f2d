using Grains.Chain;
using Grains.Chain.Consensus;
using Grains.Chain.Mining;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Tests.Chain.Mining;

public sealed class BlockTemplateTests
{
    private readonly (byte[] PrivateKey, string Address) _alice = ChainTestKit.NewWallet();
    private readonly (byte[] PrivateKey, string Address) _bob = ChainTestKit.NewWallet();
    private readonly string _miner = Address.ForLabel("template-miner");
    private readonly ChainTestKit _kit;

    public BlockTemplateTests() => _kit = Funded();

    [Fact]
    public void The_template_sits_on_the_tip_pays_reward_plus_fees_and_validates_once_solved()
    {
        var pool = new Mempool(_kit.Parameters);
        var transfer = _kit.Transfer(_alice, _bob.Address, 1_000, fee: 7, nonce: 0);
        Assert.Null(pool.TryAdd(transfer, _kit.Tree.TipLedger));

        var template = BlockTemplate.Build(_kit.Tree, pool, _miner, ChainTestKit.Now);

        Assert.Equal(_kit.Tree.Tip.Hash, template.Header.PreviousHash);
        Assert.Equal(_kit.Tree.Tip.Height + 1, template.Height);
        Assert.Equal(_kit.Tree.ContextFor(_kit.Tree.Tip).ExpectedBits, template.Header.Bits);
        Assert.True(template.Transactions[0].IsCoinbase);
        Assert.Equal((_miner, _kit.Parameters.BlockReward + 7), (template.Transactions[0].To, template.Transactions[0].Amount));
        Assert.Equal([transfer.Id], template.Transactions.Skip(1).Select(t => t.Id));

        var solved = template.WithHeader(ChainTestKit.Solve(template.Header));
        var ledger = _kit.Tree.Validate(solved, ChainTestKit.Now);
        Assert.Equal(_kit.Parameters.BlockReward + 7, ledger[_miner].Balance);
    }

    [Fact]
    public void When_the_block_is_full_the_higher_fee_goes_in()
    {
        var cheap = _kit.Transfer(_alice, _bob.Address, 10, fee: 1, nonce: 0);
        var dear = _kit.Transfer(_bob, _alice.Address, 10, fee: 50, nonce: 0);
        var coinbase = Transaction.Coinbase(ChainTestKit.Network, _miner, 0, 1).EncodedSize;
        var room = BlockHeader.Size + 4 + coinbase + dear.EncodedSize + (cheap.EncodedSize / 2);
        var kit = Funded(o => o.MaxBlockBytes = room);
        var pool = new Mempool(kit.Parameters);
        Assert.Null(pool.TryAdd(cheap, kit.Tree.TipLedger));
        Assert.Null(pool.TryAdd(dear, kit.Tree.TipLedger));

        var template = BlockTemplate.Build(kit.Tree, pool, _miner, ChainTestKit.Now);

        Assert.Equal([dear.Id], template.Transactions.Skip(1).Select(t => t.Id));
        Assert.True(template.Size <= room);
    }

    [Fact]
    public void A_clock_behind_the_chain_still_gives_a_timestamp_after_the_median_of_recent_blocks()
    {
        var pool = new Mempool(_kit.Parameters);
        var median = BlockValidator.MedianOf(_kit.Tree.ContextFor(_kit.Tree.Tip).RecentTimestamps);

        Assert.Equal(ChainTestKit.Now, BlockTemplate.Build(_kit.Tree, pool, _miner, ChainTestKit.Now).Header.TimestampMs);
        Assert.Equal(median + 1, BlockTemplate.Build(_kit.Tree, pool, _miner, nowMs: 0).Header.TimestampMs);
    }

    /// <summary>A chain on which Alice and Bob each mined a block that is now mature.</summary>
    private ChainTestKit Funded(Action<ChainOptions>? configure = null)
    {
        var kit = new ChainTestKit(configure);
        var funded = kit.Extend(kit.Tree.Genesis, miner: _alice.Address);
        kit.Extend(funded, miner: _bob.Address);
        kit.Extend(kit.Tree.Tip);
        return kit;
    }
}
