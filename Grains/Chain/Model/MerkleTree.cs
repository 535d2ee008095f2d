namespace Grains.Chain.Model;

/// <summary>
/// Merkle root of a block's transaction ids: pairs are hashed with SHA-256d(left || right) level by
/// level. An odd node at the end of a level moves up unchanged (it is not paired with itself, which
/// would let two different transaction lists share a root). No transactions: all zeros.
/// </summary>
public static class MerkleTree
{
    public static Hash256 Root(IReadOnlyList<Hash256> ids)
    {
        if (ids.Count == 0)
            return Hash256.Zero;
        var level = ids.ToArray();
        Span<byte> pair = stackalloc byte[64];
        var count = level.Length;
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i < count; i += 2)
            {
                if (i + 1 == count)
                {
                    level[next++] = level[i];
                    break;
                }

                level[i].WriteTo(pair);
                level[i + 1].WriteTo(pair[32..]);
                level[next++] = BlockHeader.DoubleSha256(pair);
            }

            count = next;
        }

        return level[0];
    }
}
