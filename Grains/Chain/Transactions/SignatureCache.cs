using System.Collections.Concurrent;
using Grains.Chain.Model;

namespace Grains.Chain.Transactions;

/// <summary>
/// Ids of transactions whose signature already verified. An id is SHA-256d over every byte of the
/// transaction, signature included, so the same id means the same bytes and the same verdict: a
/// transaction checked on its way into the mempool is not checked again when its block arrives.
/// Bounded: when full it starts over.
/// </summary>
public static class SignatureCache
{
    private const int Capacity = 200_000;
    private static readonly ConcurrentDictionary<Hash256, byte> Verified = new();

    public static bool Contains(Hash256 id) => Verified.ContainsKey(id);

    public static void Add(Hash256 id)
    {
        if (Verified.Count >= Capacity)
            Verified.Clear();
        Verified.TryAdd(id, 0);
    }

    public static void Clear() => Verified.Clear();
}
