using Grains.Chain;
using Grains.Chain.Consensus;
using Grains.Chain.Model;

namespace Grains.Tests.Chain.Consensus;

/// <summary>One test per rule: each block breaks only that rule (its proof is redone after the change) and is refused.</summary>
public sealed class BlockValidatorTests
{
    private readonly ChainTestKit _kit = new();
    private readonly (byte[] PrivateKey, string Address) _alice = ChainTestKit.NewWallet();
    private readonly (byte[] PrivateKey, string Address) _bob = ChainTestKit.NewWallet();
    private readonly BlockEntry _funded;

    public BlockValidatorTests()
    {
        // Alice mines block 1; with maturity 1 she can spend its reward from block 2 on.
        _funded = _kit.Extend(_kit.Tree.Genesis, miner: _alice.Address);
    }

    private long Reward => _kit.Parameters.BlockReward;

    [Fact]
    public void A_valid_block_spending_a_mature_coinbase_is_accepted_and_moves_the_money()
    {
        var block = _kit.Make(_funded, [_kit.Transfer(_alice, _bob.Address, 1_000, 10, 0)]);
        var ledger = _kit.Validator.Validate(block, _kit.Tree.ContextFor(_funded), ChainTestKit.Now);
        Assert.Equal(Reward - 1_010, ledger[_alice.Address].Balance);
        Assert.Equal(1_000, ledger[_bob.Address].Balance);
        Assert.Equal(1, ledger[_alice.Address].Nonce);
    }

    [Fact]
    public void Validation_changes_nothing()
    {
        var tip = _kit.Tree.Tip;
        var block = _kit.Make(_funded, [_kit.Transfer(_alice, _bob.Address, 1_000, 10, 0)]);
        _kit.Validator.Validate(block, _kit.Tree.ContextFor(_funded), ChainTestKit.Now);
        Assert.Same(tip, _kit.Tree.Tip);
        Assert.False(_kit.Tree.Contains(block.Hash));
        Assert.Equal(0, _kit.Tree.TipLedger[_bob.Address].Balance);
    }

    [Fact]
    public void Previous_hash_must_be_the_parent() =>
        Assert.Equal(BlockValidator.Link, Refusal(_kit.Make(_funded, tweak: h => h with { PreviousHash = _kit.Tree.Genesis.Hash })));

    [Fact]
    public void Height_must_follow_the_parent() =>
        Assert.Equal(BlockValidator.Link, Refusal(_kit.Make(_funded, tweak: h => h with { Height = h.Height + 1 })));

    [Fact]
    public void Proof_of_work_must_meet_the_target() =>
        Assert.Equal(BlockValidator.Proof, Refusal(_kit.Make(_funded, validProof: false)));

    [Fact]
    public void Target_must_be_what_the_difficulty_rule_expects() =>
        Assert.Equal(BlockValidator.Difficulty, Refusal(_kit.Make(_funded, tweak: h => h with { Bits = 0x2000ffff })));

    [Fact]
    public void Merkle_root_must_match_the_transactions() =>
        Assert.Equal(BlockValidator.Merkle, Refusal(_kit.Make(_funded, tweak: h => h with { MerkleRoot = Hash256.Zero })));

    [Fact]
    public void Timestamp_must_be_after_the_median_of_the_last_eleven_blocks()
    {
        var parent = _funded;
        for (var i = 0; i < 11; i++)
            parent = _kit.Extend(parent);
        var median = BlockValidator.MedianOf(_kit.Tree.ContextFor(parent).RecentTimestamps);
        Assert.Equal(BlockValidator.TimestampMedian, _kit.RefusalOf(_kit.Make(parent, tweak: h => h with { TimestampMs = median })));
        _kit.Validator.Validate(_kit.Make(parent, tweak: h => h with { TimestampMs = median + 1 }), _kit.Tree.ContextFor(parent), ChainTestKit.Now);
    }

    [Fact]
    public void Timestamp_must_not_be_more_than_two_hours_ahead_of_the_node_clock()
    {
        var twoHours = 2 * 60 * 60 * 1000L;
        Assert.Equal(BlockValidator.TimestampFuture, Refusal(_kit.Make(_funded, tweak: h => h with { TimestampMs = ChainTestKit.Now + twoHours + 1 })));
        _kit.Validator.Validate(_kit.Make(_funded, tweak: h => h with { TimestampMs = ChainTestKit.Now + twoHours }), _kit.Tree.ContextFor(_funded), ChainTestKit.Now);
    }

    [Fact]
    public void The_first_transaction_must_be_a_coinbase() =>
        Assert.Equal(BlockValidator.Coinbase, Refusal(_kit.Make(_funded, [_kit.Transfer(_alice, _bob.Address, 1_000, 0, 0)], coinbase: false)));

    [Fact]
    public void Only_the_first_transaction_may_be_a_coinbase()
    {
        var second = Transaction.Coinbase(ChainTestKit.Network, _bob.Address, 1, _funded.Height + 1);
        Assert.Equal(BlockValidator.Coinbase, Refusal(_kit.Make(_funded, [second])));
    }

    [Fact]
    public void The_coinbase_carries_no_memo()
    {
        var withMemo = new Transaction(ChainTestKit.Network, Address.Coinbase, _bob.Address, Reward, 0, _funded.Height + 1, [], [], "mined by bob");
        Assert.Equal(BlockValidator.Coinbase, Refusal(_kit.Make(_funded, [withMemo], coinbase: false)));
    }

    [Fact]
    public void A_block_with_a_memo_transaction_validates_and_its_encoding_round_trips()
    {
        var paid = _kit.Transfer(_alice, _bob.Address, 1_000, 10, 0, "join:3f9a0c1e5b7d2468:zhangsan");
        var block = _kit.Make(_funded, [paid, _kit.Transfer(_alice, _bob.Address, 500, 10, 1)]);
        var ledger = _kit.Validator.Validate(block, _kit.Tree.ContextFor(_funded), ChainTestKit.Now);
        Assert.Equal(1_500, ledger[_bob.Address].Balance);

        var decoded = Block.Decode(block.Encode());
        Assert.Equal(block.Hash, decoded.Hash);
        Assert.Equal(["join:3f9a0c1e5b7d2468:zhangsan", null], decoded.Transactions.Skip(1).Select(t => t.Memo));
        Assert.Equal(paid.Id, decoded.Transactions[1].Id);
    }

    [Fact]
    public void Coinbase_may_pay_at_most_the_reward_plus_fees()
    {
        var tx = _kit.Transfer(_alice, _bob.Address, 1_000, 25, 0);
        Assert.Equal(BlockValidator.CoinbaseAmount, Refusal(_kit.Make(_funded, [tx], coinbaseAmount: Reward + 26)));
        _kit.Validator.Validate(_kit.Make(_funded, [tx], coinbaseAmount: Reward + 25), _kit.Tree.ContextFor(_funded), ChainTestKit.Now);
    }

    [Fact]
    public void Every_transaction_must_be_valid_against_the_ledger_including_earlier_ones_in_the_block()
    {
        // Each alone is affordable; together they overdraw.
        var first = _kit.Transfer(_alice, _bob.Address, Reward - 100, 0, 0);
        var second = _kit.Transfer(_alice, _bob.Address, 200, 0, 1);
        Assert.Equal(BlockValidator.Transactions, Refusal(_kit.Make(_funded, [first, second])));
    }

    [Fact]
    public void A_transaction_with_a_bad_signature_makes_the_block_invalid()
    {
        var honest = _kit.Transfer(_alice, _bob.Address, 1_000, 0, 0);
        var forged = new Transaction(honest.ChainId, honest.From, honest.To, 900_000, honest.Fee, honest.Nonce, honest.PublicKey, honest.Signature);
        Assert.Equal(BlockValidator.Transactions, Refusal(_kit.Make(_funded, [forged])));
    }

    [Fact]
    public void Coinbase_cannot_be_spent_before_it_matures()
    {
        var kit = new ChainTestKit(o => o.CoinbaseMaturity = 3);
        var miner = ChainTestKit.NewWallet();
        var paid = kit.Extend(kit.Tree.Genesis, miner: miner.Address);
        var next = kit.Extend(paid);
        var early = kit.Make(next, [kit.Transfer(miner, Address.ForLabel("x"), 1, 0, 0)]);
        Assert.Equal(BlockValidator.Transactions, kit.RefusalOf(early));
        var ripe = kit.Extend(next);
        kit.Add(kit.Make(ripe, [kit.Transfer(miner, Address.ForLabel("x"), 1, 0, 0)]));
    }

    [Fact]
    public void Block_must_fit_the_size_cap()
    {
        var kit = new ChainTestKit(o => o.MaxBlockBytes = 1_000);
        var miner = ChainTestKit.NewWallet();
        var funded = kit.Extend(kit.Tree.Genesis, miner: miner.Address);
        var txs = Enumerable.Range(0, 6).Select(n => kit.Transfer(miner, Address.ForLabel("y"), 1, 0, n)).ToList();
        var big = kit.Make(funded, txs);
        Assert.True(big.Size > 1_000);
        Assert.Equal(BlockValidator.Size, kit.RefusalOf(big));
        kit.Add(kit.Make(funded, txs.Take(3).ToList()));
    }

    [Fact]
    public void Header_version_must_be_the_current_one() =>
        Assert.Equal(BlockValidator.Version, Refusal(_kit.Make(_funded, tweak: h => h with { Version = 2 })));

    private string Refusal(Block block) =>
        Assert.Throws<RuleViolationException>(() => _kit.Validator.Validate(block, _kit.Tree.ContextFor(_funded), ChainTestKit.Now)).Violation.Code;
}
