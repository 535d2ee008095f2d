using Grains.Chain;
using Grains.Chain.Consensus;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Tests.Chain;

/// <summary>
/// Builds blocks for rule tests on a network with a very easy target (about every second hash
/// meets it) and a coinbase maturity of one block, so tests mine instantly.
/// </summary>
internal sealed class ChainTestKit
{
    public const string Network = "unit-test-net";
    public const long Now = 1_800_000_000_000;

    /// <summary>The account that owns the nodes tests create.</summary>
    public const string Owner = "tester";

    public ChainTestKit(Action<ChainOptions>? configure = null)
    {
        var options = new ChainOptions { NetworkId = Network, InitialBits = "207fffff", CoinbaseMaturity = 1 };
        configure?.Invoke(options);
        Parameters = new ChainParameters(options);
        Tree = new BlockTree(Parameters);
    }

    public ChainParameters Parameters { get; }
    public BlockTree Tree { get; }
    public BlockValidator Validator => Tree.Validator;

    public static (byte[] PrivateKey, string Address) NewWallet()
    {
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        return (privateKey, Address.FromPublicKey(publicKey));
    }

    public Transaction Transfer((byte[] PrivateKey, string Address) from, string to, long amount, long fee, long nonce, string? memo = null) =>
        TransactionSigner.Sign(Parameters.NetworkId, to, amount, fee, nonce, from.PrivateKey, memo);

    /// <summary>A valid block on <paramref name="parent"/> unless a tweak breaks it; the proof is found after the tweak.</summary>
    public Block Make(BlockEntry parent, IReadOnlyList<Transaction>? transactions = null, string? miner = null,
        Func<BlockHeader, BlockHeader>? tweak = null, long? coinbaseAmount = null, bool coinbase = true, bool validProof = true)
    {
        transactions ??= [];
        var height = parent.Height + 1;
        var fees = transactions.Sum(t => t.Fee);
        var all = new List<Transaction>();
        if (coinbase)
            all.Add(Transaction.Coinbase(Parameters.NetworkId, miner ?? Address.ForLabel("miner"), coinbaseAmount ?? Parameters.BlockReward + fees, height));
        all.AddRange(transactions);
        var context = Tree.ContextFor(parent);
        var header = new BlockHeader(BlockHeader.CurrentVersion, height, parent.Hash, MerkleTree.Root(all.Select(t => t.Id).ToArray()),
            Math.Max(parent.Header.TimestampMs + 1_000, BlockValidator.MedianOf(context.RecentTimestamps) + 1), context.ExpectedBits, 0);
        header = tweak?.Invoke(header) ?? header;
        return new Block(Solve(header, validProof), all);
    }

    /// <summary>Validates and adds a block; returns its tree entry.</summary>
    public BlockEntry Add(Block block)
    {
        var ledger = Tree.Validate(block, Now);
        Tree.Add(block, ledger);
        return Tree.Find(block.Hash)!;
    }

    public BlockEntry Extend(BlockEntry parent, IReadOnlyList<Transaction>? transactions = null, string? miner = null) =>
        Add(Make(parent, transactions, miner));

    public string RefusalOf(Block block, long now = Now)
    {
        var parent = Tree.Find(block.Header.PreviousHash) ?? Tree.Tip;
        var ex = Assert.Throws<RuleViolationException>(() => Validator.Validate(block, Tree.ContextFor(parent), now));
        return ex.Violation.Code;
    }

    public static BlockHeader Solve(BlockHeader header, bool validProof = true)
    {
        for (ulong nonce = 0; ; nonce++)
        {
            var candidate = header with { Nonce = nonce };
            if (ProofOfWork.Meets(candidate.ComputeHash(), candidate.Bits) == validProof)
                return candidate;
        }
    }
}
