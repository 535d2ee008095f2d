using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Tests.Chain.Transactions;

public sealed class MempoolTests
{
    private readonly ChainTestKit _kit = new();
    private readonly (byte[] PrivateKey, string Address) _alice = ChainTestKit.NewWallet();
    private readonly (byte[] PrivateKey, string Address) _bob = ChainTestKit.NewWallet();
    private readonly Mempool _pool;

    public MempoolTests()
    {
        var funded = _kit.Extend(_kit.Tree.Genesis, miner: _alice.Address);
        _kit.Extend(funded, miner: _bob.Address);
        _kit.Extend(_kit.Tree.Tip);
        _pool = new Mempool(_kit.Parameters);
    }

    [Fact]
    public void Blocks_take_the_highest_fee_first_but_keep_each_senders_nonces_in_order()
    {
        var a0 = _kit.Transfer(_alice, _bob.Address, 1, fee: 5, nonce: 0);
        var a1 = _kit.Transfer(_alice, _bob.Address, 1, fee: 50, nonce: 1);
        var b0 = _kit.Transfer(_bob, _alice.Address, 1, fee: 20, nonce: 0);
        foreach (var tx in new[] { a0, a1, b0 })
            Assert.Null(_pool.TryAdd(tx, _kit.Tree.TipLedger));

        var order = _pool.SelectForBlock(100_000).Select(t => t.Id).ToList();
        Assert.Equal([b0.Id, a0.Id, a1.Id], order);
    }

    [Fact]
    public void Pending_transactions_count_toward_the_next_nonce_and_the_balance()
    {
        var ledger = _kit.Tree.TipLedger;
        var reward = _kit.Parameters.BlockReward;
        Assert.Null(_pool.TryAdd(_kit.Transfer(_alice, _bob.Address, reward - 10, 0, 0), ledger));
        Assert.Equal(1, _pool.NextNonce(_alice.Address, ledger));
        Assert.Equal(TransactionRules.DoubleSpend, _pool.TryAdd(_kit.Transfer(_alice, _bob.Address, 5, 0, 0), ledger)!.Code);
        Assert.Equal(TransactionRules.NonceGap, _pool.TryAdd(_kit.Transfer(_alice, _bob.Address, 5, 0, 2), ledger)!.Code);
        Assert.Equal(TransactionRules.Balance, _pool.TryAdd(_kit.Transfer(_alice, _bob.Address, 11, 0, 1), ledger)!.Code);
        Assert.Null(_pool.TryAdd(_kit.Transfer(_alice, _bob.Address, 10, 0, 1), ledger));
    }

    [Fact]
    public void A_confirmed_nonce_cannot_be_replayed()
    {
        var tx = _kit.Transfer(_alice, _bob.Address, 100, 0, 0);
        _kit.Extend(_kit.Tree.Tip, [tx]);
        var again = _kit.Transfer(_alice, _bob.Address, 100, 0, 0);
        Assert.Equal(TransactionRules.Replay, _pool.TryAdd(again, _kit.Tree.TipLedger)!.Code);
    }

    [Fact]
    public void Rebuild_drops_what_a_block_confirmed_or_made_invalid()
    {
        var ledger = _kit.Tree.TipLedger;
        var mine = _kit.Transfer(_alice, _bob.Address, 100, 0, 0);
        Assert.Null(_pool.TryAdd(mine, ledger));
        var rival = _kit.Transfer(_alice, _bob.Address, 200, 0, 0); // same nonce, confirmed elsewhere
        _kit.Extend(_kit.Tree.Tip, [rival]);
        var change = _pool.Rebuild(_kit.Tree.TipLedger, [], id => _kit.Tree.FindTransaction(id) is not null);
        Assert.Equal(0, _pool.Count);
        Assert.Equal([mine.Id], change.Removed);
    }
}
