using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;

namespace Grains.Tests.Chain;

public sealed class ChainViewsTests
{
    private readonly ChainTestKit _kit = new();
    private readonly (byte[] PrivateKey, string Address) _alice = ChainTestKit.NewWallet();
    private readonly string _shop = Address.ForLabel("shop");
    private readonly Mempool _pool;

    public ChainViewsTests()
    {
        _kit.Extend(_kit.Tree.Genesis, miner: _alice.Address);
        _pool = new Mempool(_kit.Parameters);
    }

    [Fact]
    public void A_transaction_is_confirmed_with_its_confirmations_pending_or_unknown()
    {
        var confirmed = _kit.Transfer(_alice, _shop, 100, 1, 0);
        var block = _kit.Extend(_kit.Tree.Tip, [confirmed]);
        _kit.Extend(_kit.Tree.Tip);
        var pending = _kit.Transfer(_alice, _shop, 100, 1, 1);
        Assert.Null(_pool.TryAdd(pending, _kit.Tree.TipLedger));

        var seen = ChainViews.StatusOf(confirmed.Id, _kit.Tree, _pool)!;
        Assert.Equal((TransactionStatus.Confirmed, block.Height, 2L, block.Hash.ToString()), (seen.Status, seen.Height, seen.Confirmations, seen.BlockHash));
        Assert.Equal(TransactionStatus.Pending, ChainViews.StatusOf(pending.Id, _kit.Tree, _pool)!.Status);
        Assert.Null(ChainViews.StatusOf(_kit.Transfer(_alice, _shop, 1, 1, 9).Id, _kit.Tree, _pool));
    }

    [Fact]
    public void An_account_shows_what_is_spendable_at_the_next_height_and_what_the_mempool_will_leave()
    {
        var kit = new ChainTestKit(o => o.CoinbaseMaturity = 2);
        var pool = new Mempool(kit.Parameters);
        var reward = kit.Parameters.BlockReward;
        kit.Extend(kit.Tree.Genesis, miner: _alice.Address);
        Assert.Equal(0, ChainViews.AccountOf(_alice.Address, kit.Tree, pool).SpendableBalance);

        // Rewards of blocks 1 and 2; a block at height 3 may spend the first, not yet the second.
        kit.Extend(kit.Tree.Tip, miner: _alice.Address);
        Assert.Null(pool.TryAdd(kit.Transfer(_alice, _shop, 1_000, 5, 0), kit.Tree.TipLedger));
        var account = ChainViews.AccountOf(_alice.Address, kit.Tree, pool);

        Assert.Equal((2 * reward, reward, reward), (account.ConfirmedBalance, account.SpendableBalance, account.ImmatureBalance));
        Assert.Equal(2 * reward - 1_005, account.PendingBalance);
        Assert.Equal(1, account.NextNonce);
        Assert.Equal(1_000, ChainViews.AccountOf(_shop, kit.Tree, pool).PendingBalance);
    }

    [Fact]
    public void Contract_data_carries_the_memo_both_ways_and_a_bad_memo_is_tx_memo()
    {
        var tx = _kit.Transfer(_alice, _shop, 100, 1, 0, "packet:0123456789abcdef");
        var data = ChainViews.ToData(tx);
        Assert.Equal("packet:0123456789abcdef", data.Memo);
        Assert.Equal(tx.Id, ChainViews.ToTransaction(data).Id);
        Assert.Null(ChainViews.ToData(_kit.Transfer(_alice, _shop, 100, 1, 0)).Memo);
        Assert.Equal(Transaction.FormatVersion, ChainViews.ToTransaction(data with { Memo = string.Empty }).Version);

        var refused = Assert.Throws<RuleViolationException>(() => ChainViews.ToTransaction(data with { Memo = new string('x', 65) }));
        Assert.Equal(TransactionRules.Memo, refused.Violation.Code);
        Assert.Equal(TransactionRules.Memo, Assert.Throws<RuleViolationException>(() => ChainViews.ToTransaction(data with { Memo = "a\u0000" })).Violation.Code);
    }
}
