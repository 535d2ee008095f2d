using System.Buffers.Binary;
using System.Text;

namespace Grains.Chain.Model;

/// <summary>
/// An account-model transfer and its canonical encoding (integers big-endian):
/// <code>
/// signing bytes = format version (1 byte: 0x01 without a memo, 0x02 with one)
///               | len(chain id) (1 byte) | chain id (ASCII)
///               | from (20 bytes) | to (20 bytes)
///               | amount (8, signed) | fee (8, signed) | nonce (8, signed)
///               | version 2 only: len(memo) (1 byte, 1-64) | memo (UTF-8, see <see cref="TransactionMemo"/>)
///               | len(public key) (1 byte) | public key (65 bytes: 0x04 | X | Y, P-256)
/// full encoding = signing bytes | len(signature) (1 byte) | signature (64 bytes: r | s)
/// id            = SHA-256(SHA-256(full encoding))
/// </code>
/// The signature is ECDSA P-256 with SHA-256 over the signing bytes. A coinbase has the all-zero
/// sender, no key, no signature, no memo, fee 0 and the block height as its nonce. An empty memo is no memo, so a
/// transaction has exactly one encoding: version 1 exactly when it has no memo.
/// </summary>
public sealed class Transaction
{
    public const byte FormatVersion = 1;
    public const byte MemoFormatVersion = 2;
    public const int MaxChainIdLength = 64;
    public const int PublicKeySize = 65;
    public const int SignatureSize = 64;

    private Hash256? _id;
    private byte[]? _encoded;

    public Transaction(string chainId, string from, string to, long amount, long fee, long nonce, byte[] publicKey, byte[] signature, string? memo = null)
    {
        ChainId = chainId;
        From = from;
        To = to;
        Amount = amount;
        Fee = fee;
        Nonce = nonce;
        PublicKey = publicKey;
        Signature = signature;
        Memo = string.IsNullOrEmpty(memo) ? null : memo;
    }

    public string ChainId { get; }
    public string From { get; }
    public string To { get; }
    public long Amount { get; }
    public long Fee { get; }
    public long Nonce { get; }
    public byte[] PublicKey { get; }
    public byte[] Signature { get; }

    /// <summary>Null or 1-64 bytes of UTF-8 (never empty: an empty memo is no memo). Covered by the signature.</summary>
    public string? Memo { get; }

    public byte Version => Memo is null ? FormatVersion : MemoFormatVersion;

    public bool IsCoinbase => From == Address.Coinbase && PublicKey.Length == 0;

    public Hash256 Id => _id ??= BlockHeader.DoubleSha256(Encode());

    public int EncodedSize => Encode().Length;

    public static Transaction Coinbase(string chainId, string to, long amount, long height) =>
        new(chainId, Address.Coinbase, to, amount, 0, height, [], []);

    public Transaction WithSignature(byte[] signature) => new(ChainId, From, To, Amount, Fee, Nonce, PublicKey, signature, Memo);

    /// <summary>The bytes the sender signs (everything but the signature).</summary>
    public byte[] SigningBytes()
    {
        var chain = Encoding.ASCII.GetBytes(ChainId);
        var memo = MemoBytes();
        var bytes = new byte[SigningSize(chain.Length, memo.Length, PublicKey.Length)];
        WriteSigning(bytes, chain, memo);
        return bytes;
    }

    /// <summary>The full canonical encoding (cached; the instance is immutable).</summary>
    public byte[] Encode()
    {
        if (_encoded is not null)
            return _encoded;
        var chain = Encoding.ASCII.GetBytes(ChainId);
        var memo = MemoBytes();
        var signingSize = SigningSize(chain.Length, memo.Length, PublicKey.Length);
        var bytes = new byte[signingSize + 1 + Signature.Length];
        WriteSigning(bytes, chain, memo);
        bytes[signingSize] = (byte)Signature.Length;
        Signature.CopyTo(bytes, signingSize + 1);
        return _encoded = bytes;
    }

    /// <summary>Reads one transaction at <paramref name="offset"/> and advances it; throws <see cref="FormatException"/> on bad input.</summary>
    public static Transaction Decode(ReadOnlySpan<byte> source, ref int offset)
    {
        var start = offset;
        var reader = new Reader(source, offset);
        var version = reader.Byte();
        if (version is not (FormatVersion or MemoFormatVersion))
            throw new FormatException("unknown transaction format version");
        var chainLength = reader.Byte();
        if (chainLength is 0 or > MaxChainIdLength)
            throw new FormatException("chain id length out of range");
        var chain = reader.Bytes(chainLength);
        if (chain.ContainsAnyExceptInRange((byte)0x21, (byte)0x7e))
            throw new FormatException("chain id must be printable ASCII");
        var from = Convert.ToHexStringLower(reader.Bytes(Address.Size));
        var to = Convert.ToHexStringLower(reader.Bytes(Address.Size));
        var amount = reader.Int64();
        var fee = reader.Int64();
        var nonce = reader.Int64();
        var memo = version == MemoFormatVersion ? TransactionMemo.FromBytes(reader.Bytes(reader.Byte())) : null;
        var key = reader.Bytes(reader.Byte()).ToArray();
        var signature = reader.Bytes(reader.Byte()).ToArray();
        offset = reader.Offset;
        var transaction = new Transaction(Encoding.ASCII.GetString(chain), from, to, amount, fee, nonce, key, signature, memo);
        // Keep the exact bytes: re-encoding is canonical, so they must match, and the id is taken over them.
        var encoded = source[start..offset].ToArray();
        if (!encoded.AsSpan().SequenceEqual(transaction.Encode()))
            throw new FormatException("transaction is not in canonical form");
        return transaction;
    }

    public static Transaction Decode(ReadOnlySpan<byte> source)
    {
        var offset = 0;
        var transaction = Decode(source, ref offset);
        if (offset != source.Length)
            throw new FormatException("trailing bytes after the transaction");
        return transaction;
    }

    private static int SigningSize(int chainLength, int memoLength, int keyLength) =>
        1 + 1 + chainLength + (2 * Address.Size) + 24 + (memoLength == 0 ? 0 : 1 + memoLength) + 1 + keyLength;

    private byte[] MemoBytes() => Memo is null ? [] : TransactionMemo.ToBytes(Memo);

    private void WriteSigning(Span<byte> bytes, byte[] chain, byte[] memo)
    {
        if (chain.Length is 0 or > MaxChainIdLength)
            throw new FormatException("chain id length out of range");
        if (PublicKey.Length > byte.MaxValue || Signature.Length > byte.MaxValue)
            throw new FormatException("key or signature too long");
        var at = 0;
        bytes[at++] = Version;
        bytes[at++] = (byte)chain.Length;
        chain.CopyTo(bytes[at..]);
        at += chain.Length;
        Address.Write(From, bytes[at..]);
        at += Address.Size;
        Address.Write(To, bytes[at..]);
        at += Address.Size;
        BinaryPrimitives.WriteInt64BigEndian(bytes[at..], Amount);
        BinaryPrimitives.WriteInt64BigEndian(bytes[(at + 8)..], Fee);
        BinaryPrimitives.WriteInt64BigEndian(bytes[(at + 16)..], Nonce);
        at += 24;
        if (memo.Length > 0)
        {
            bytes[at++] = (byte)memo.Length;
            memo.CopyTo(bytes[at..]);
            at += memo.Length;
        }

        bytes[at++] = (byte)PublicKey.Length;
        PublicKey.CopyTo(bytes[at..]);
    }

    private ref struct Reader(ReadOnlySpan<byte> source, int offset)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        public int Offset { get; private set; } = offset;

        public byte Byte() => Bytes(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (Offset + count > _source.Length)
                throw new FormatException("transaction is truncated");
            var slice = _source.Slice(Offset, count);
            Offset += count;
            return slice;
        }
    }
}
