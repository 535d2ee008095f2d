using System.Buffers.Binary;

namespace Grains.Chain.Model;

/// <summary>
/// A header and its transactions. Encoding: the 96-byte header, the transaction count (4 bytes,
/// big-endian), then each transaction's full encoding. The size cap counts all of it.
/// </summary>
public sealed class Block
{
    private byte[]? _encoded;

    public Block(BlockHeader header, IReadOnlyList<Transaction> transactions)
    {
        Header = header;
        Transactions = transactions;
        Hash = header.ComputeHash();
    }

    public BlockHeader Header { get; }
    public IReadOnlyList<Transaction> Transactions { get; }
    public Hash256 Hash { get; }
    public long Height => Header.Height;
    public int Size => Encode().Length;

    public Hash256 ComputeMerkleRoot() => MerkleTree.Root(Transactions.Select(t => t.Id).ToArray());

    public byte[] Encode()
    {
        if (_encoded is not null)
            return _encoded;
        var size = BlockHeader.Size + 4 + Transactions.Sum(t => t.EncodedSize);
        var bytes = new byte[size];
        Header.WriteTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(BlockHeader.Size), Transactions.Count);
        var at = BlockHeader.Size + 4;
        foreach (var transaction in Transactions)
        {
            var encoded = transaction.Encode();
            encoded.CopyTo(bytes, at);
            at += encoded.Length;
        }

        return _encoded = bytes;
    }

    /// <summary>Decodes a block; <see cref="FormatException"/> for anything that is not exactly one block.</summary>
    public static Block Decode(ReadOnlySpan<byte> bytes, int maxTransactions = 1_000_000)
    {
        if (bytes.Length < BlockHeader.Size + 4)
            throw new FormatException("block is shorter than a header");
        var header = BlockHeader.Read(bytes);
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes[BlockHeader.Size..]);
        if (count < 0 || count > maxTransactions)
            throw new FormatException("transaction count out of range");
        var transactions = new List<Transaction>(Math.Min(count, 10_000));
        var offset = BlockHeader.Size + 4;
        for (var i = 0; i < count; i++)
            transactions.Add(Transaction.Decode(bytes, ref offset));
        if (offset != bytes.Length)
            throw new FormatException("trailing bytes after the last transaction");
        var block = new Block(header, transactions) { _encoded = bytes.ToArray() };
        return block;
    }

    public Block WithHeader(BlockHeader header) => new(header, Transactions);
}
