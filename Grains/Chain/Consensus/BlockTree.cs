using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Chain.Consensus;

/// <summary>
/// Every valid block a node knows, with the best chain picked by most cumulative work (ties: the
/// first seen). Adding a block that beats the tip moves the tip and reports which blocks left and
/// joined the best chain, so the caller can return their transactions to the mempool.
/// </summary>
public sealed class BlockTree
{
    /// <summary>Ledgers are kept for blocks this close to the tip (and every <see cref="CheckpointEvery"/> heights).</summary>
    private const int LedgerWindow = 128;
    private const int CheckpointEvery = 256;

    private readonly Dictionary<Hash256, BlockEntry> _entries = [];
    private readonly List<BlockEntry> _best = [];
    private readonly Dictionary<Hash256, BlockEntry> _bestTransactions = [];
    private readonly BlockValidator _validator;

    public BlockTree(ChainParameters parameters)
    {
        Parameters = parameters;
        _validator = new BlockValidator(parameters);
        var genesis = parameters.Genesis;
        var ledger = Ledger.Empty.ToBuilder(0);
        ledger.ApplyCoinbase(genesis.Transactions[0], parameters.Maturity);
        Genesis = new BlockEntry(genesis, null, 0, ledger.ToLedger());
        _entries[genesis.Hash] = Genesis;
        Tip = Genesis;
        _best.Add(Genesis);
        IndexTransactions(Genesis);
        NextSequence = 1;
    }

    public ChainParameters Parameters { get; }
    public BlockValidator Validator => _validator;
    public BlockEntry Genesis { get; }
    public BlockEntry Tip { get; private set; }
    public long NextSequence { get; private set; }
    public int Count => _entries.Count;

    /// <summary>The best chain from genesis to tip, by height.</summary>
    public IReadOnlyList<BlockEntry> BestChain => _best;

    public bool Contains(Hash256 hash) => _entries.ContainsKey(hash);

    public BlockEntry? Find(Hash256 hash) => _entries.GetValueOrDefault(hash);

    /// <summary>The best-chain block holding a transaction, if any.</summary>
    public BlockEntry? FindTransaction(Hash256 id) => _bestTransactions.GetValueOrDefault(id);

    public Ledger TipLedger => LedgerAfter(Tip);

    /// <summary>What a child of <paramref name="parent"/> is validated against.</summary>
    public ParentContext ContextFor(BlockEntry parent)
    {
        var timestamps = new List<long>(11);
        for (var e = parent; e is not null && timestamps.Count < 11; e = e.Parent)
            timestamps.Add(e.Header.TimestampMs);
        timestamps.Reverse();
        var expected = Parameters.Difficulty.ExpectedBits(parent.Height + 1, parent.Header.Bits, h => parent.AncestorAt(h).Header.TimestampMs);
        return new ParentContext(parent.Hash, parent.Height, expected, timestamps, LedgerAfter(parent));
    }

    /// <summary>Validates a block whose parent is known; throws <see cref="RuleViolationException"/> if it breaks a rule.</summary>
    public Ledger Validate(Block block, long nowMs)
    {
        var parent = Find(block.Header.PreviousHash)
            ?? throw new InvalidOperationException("the parent must be known before a block is validated");
        return _validator.Validate(block, ContextFor(parent), nowMs);
    }

    /// <summary>Adds a block already validated (its ledger given) or loaded from this node's own store (ledger rebuilt lazily).</summary>
    public TipChange? Add(Block block, Ledger? ledgerAfter, long? sequence = null)
    {
        if (_entries.ContainsKey(block.Hash))
            return null;
        var parent = Find(block.Header.PreviousHash)
            ?? throw new InvalidOperationException("the parent must be known before a block is added");
        var seq = sequence ?? NextSequence;
        NextSequence = Math.Max(NextSequence, seq + 1);
        var entry = new BlockEntry(block, parent, seq, ledgerAfter);
        _entries[block.Hash] = entry;
        if (entry.CumulativeWork <= Tip.CumulativeWork)
            return null;
        return MoveTip(entry);
    }

    /// <summary>The ledger after a block, replaying from the nearest ancestor that still has one.</summary>
    public Ledger LedgerAfter(BlockEntry entry)
    {
        if (entry.LedgerAfter is { } cached)
            return cached;
        var path = new Stack<BlockEntry>();
        var from = entry;
        while (from.LedgerAfter is null)
        {
            path.Push(from);
            from = from.Parent!;
        }

        var ledger = from.LedgerAfter;
        while (path.Count > 0)
        {
            var next = path.Pop();
            ledger = Replay(next.Block, ledger);
            next.LedgerAfter = ledger;
        }

        return ledger;
    }

    private Ledger Replay(Block block, Ledger parentLedger)
    {
        // Blocks in the tree were validated when they arrived; replaying only moves the money.
        var builder = parentLedger.ToBuilder(block.Height);
        foreach (var tx in block.Transactions.Skip(1))
            builder.ApplyTransfer(tx);
        builder.ApplyCoinbase(block.Transactions[0], Parameters.Maturity);
        return builder.ToLedger();
    }

    /// <summary>The blocks to leave (from <paramref name="from"/> down, newest first) and to join (oldest first) to go from one block to another.</summary>
    public static (List<BlockEntry> Disconnected, List<BlockEntry> Connected) PathBetween(BlockEntry from, BlockEntry to)
    {
        var disconnected = new List<BlockEntry>();
        var connected = new List<BlockEntry>();
        var a = from;
        var b = to;
        while (b.Height > a.Height)
        {
            connected.Add(b);
            b = b.Parent!;
        }

        while (a.Height > b.Height)
        {
            disconnected.Add(a);
            a = a.Parent!;
        }

        while (a != b)
        {
            disconnected.Add(a);
            connected.Add(b);
            a = a.Parent!;
            b = b.Parent!;
        }

        connected.Reverse();
        return (disconnected, connected);
    }

    private TipChange MoveTip(BlockEntry newTip)
    {
        var oldTip = Tip;
        var (disconnected, connected) = PathBetween(oldTip, newTip);
        var forkHeight = connected.Count > 0 ? connected[0].Height - 1 : newTip.Height;
        foreach (var gone in disconnected)
        {
            foreach (var tx in gone.Block.Transactions)
                _bestTransactions.Remove(tx.Id);
        }

        _best.RemoveRange((int)forkHeight + 1, _best.Count - (int)forkHeight - 1);
        foreach (var joined in connected)
        {
            _best.Add(joined);
            IndexTransactions(joined);
        }

        Tip = newTip;
        _ = LedgerAfter(newTip);
        ForgetOldLedgers();
        return new TipChange(oldTip, newTip, disconnected, connected);
    }

    private void IndexTransactions(BlockEntry entry)
    {
        foreach (var tx in entry.Block.Transactions)
            _bestTransactions.TryAdd(tx.Id, entry);
    }

    private void ForgetOldLedgers()
    {
        // Keep memory bounded on long chains: ledgers deep below the tip are recomputed if ever needed.
        var horizon = Tip.Height - LedgerWindow;
        if (horizon <= 0 || horizon % 16 != 0)
            return;
        foreach (var entry in _entries.Values)
        {
            if (entry.Height < horizon && entry.Height % CheckpointEvery != 0 && entry != Genesis)
                entry.LedgerAfter = null;
        }
    }
}
