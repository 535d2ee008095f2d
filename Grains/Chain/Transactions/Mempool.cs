using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>
/// Transactions waiting for a block. Each sender's transactions form a gap-free run of nonces that
/// its spendable balance covers; blocks take the highest fee first among each sender's next
/// transaction (a sender's later nonces cannot jump ahead of its earlier ones).
/// </summary>
public sealed class Mempool(ChainParameters parameters)
{
    private readonly Dictionary<Hash256, Pending> _byId = [];
    private readonly Dictionary<string, SortedList<long, Pending>> _bySender = [];
    private long _arrivals;

    public int Count => _byId.Count;

    public IEnumerable<Transaction> Transactions => _byId.Values.OrderBy(p => p.Arrival).Select(p => p.Transaction);

    public bool Contains(Hash256 id) => _byId.ContainsKey(id);

    public Transaction? Find(Hash256 id) => _byId.TryGetValue(id, out var pending) ? pending.Transaction : null;

    /// <summary>The sender's next nonce counting its pending transactions.</summary>
    public long NextNonce(string address, Ledger tip) =>
        _bySender.TryGetValue(address, out var run) && run.Count > 0 ? run.Keys[^1] + 1 : tip[address].Nonce;

    /// <summary>Sum of pending amounts into and out of (amount + fee) an address.</summary>
    public (long Incoming, long Outgoing) PendingFor(string address)
    {
        long incoming = 0, outgoing = 0;
        foreach (var pending in _byId.Values)
        {
            if (pending.Transaction.To == address)
                incoming += pending.Transaction.Amount;
            if (pending.Transaction.From == address)
                outgoing += pending.Transaction.Amount + pending.Transaction.Fee;
        }

        return (incoming, outgoing);
    }

    /// <summary>Checks a new transaction against the tip and this pool; null when accepted and added.</summary>
    public RuleViolation? TryAdd(Transaction tx, Ledger tip, bool signatureChecked = false)
    {
        if (!signatureChecked && TransactionRules.CheckStateless(tx, parameters.NetworkId) is { } stateless)
            return stateless;
        var violation = CheckAgainstPool(tx, tip);
        if (violation is not null)
            return violation;
        Insert(tx);
        return null;
    }

    /// <summary>After the tip moved: keeps what is still valid (in nonce order per sender) from the pool and the returned transactions.</summary>
    public MempoolChange Rebuild(Ledger tip, IEnumerable<Transaction> returned, Func<Hash256, bool> inBestChain)
    {
        var before = _byId.Keys.ToHashSet();
        var candidates = _byId.Values.OrderBy(p => p.Arrival).Select(p => p.Transaction)
            .Concat(returned.Where(t => !t.IsCoinbase))
            .DistinctBy(t => t.Id)
            .Where(t => !inBestChain(t.Id))
            .ToList();
        _byId.Clear();
        _bySender.Clear();
        foreach (var tx in candidates.OrderBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.Nonce))
        {
            if (CheckAgainstPool(tx, tip) is null)
                Insert(tx);
        }

        var added = _byId.Values.Where(p => !before.Contains(p.Transaction.Id)).Select(p => p.Transaction).ToList();
        var removed = before.Where(id => !_byId.ContainsKey(id)).ToList();
        return new MempoolChange(added, removed);
    }

    /// <summary>Transactions for the next block: highest fee first, each sender's nonces in order, within the byte budget.</summary>
    public IReadOnlyList<Transaction> SelectForBlock(int maxBytes)
    {
        var chosen = new List<Transaction>();
        var queue = new PriorityQueue<(Pending Pending, int Index), (long, long)>();
        foreach (var run in _bySender.Values)
        {
            if (run.Count > 0)
                queue.Enqueue((run.Values[0], 0), Priority(run.Values[0]));
        }

        var budget = maxBytes;
        while (queue.TryDequeue(out var item, out _))
        {
            var tx = item.Pending.Transaction;
            if (tx.EncodedSize > budget)
                continue; // this sender's later nonces cannot go without this one
            chosen.Add(tx);
            budget -= tx.EncodedSize;
            var run = _bySender[tx.From];
            if (item.Index + 1 < run.Count)
                queue.Enqueue((run.Values[item.Index + 1], item.Index + 1), Priority(run.Values[item.Index + 1]));
        }

        return chosen;
    }

    private static (long, long) Priority(Pending pending) => (-pending.Transaction.Fee, pending.Arrival);

    private RuleViolation? CheckAgainstPool(Transaction tx, Ledger tip)
    {
        var sender = tip[tx.From];
        var expected = NextNonce(tx.From, tip);
        var spendable = sender.SpendableAt(tip.Height + 1, parameters.Maturity);
        if (_bySender.TryGetValue(tx.From, out var run))
            spendable -= run.Values.Sum(p => p.Transaction.Amount + p.Transaction.Fee);
        return TransactionRules.CheckAgainst(tx, sender, expected, spendable);
    }

    private void Insert(Transaction tx)
    {
        var pending = new Pending(tx, _arrivals++);
        _byId[tx.Id] = pending;
        if (!_bySender.TryGetValue(tx.From, out var run))
            _bySender[tx.From] = run = new SortedList<long, Pending>();
        run[tx.Nonce] = pending;
    }

    private sealed record Pending(Transaction Transaction, long Arrival);
}
