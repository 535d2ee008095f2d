using System.Security.Cryptography;
using System.Text;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Tests.Chain.Transactions;

/// <summary>Format version 2: the memo in the signing bytes, its vector, and every way a memo can be malformed.</summary>
public sealed class TransactionMemoTests
{
    private static readonly byte[] Key = Convert.FromHexString(TransactionVector.PrivateKey);

    private static Transaction Vector(string? memo, string signature) => new(
        TransactionVector.ChainId, TransactionVector.From, TransactionVector.To, TransactionVector.Amount, TransactionVector.Fee,
        TransactionVector.Nonce, Convert.FromHexString(TransactionVector.PublicKey), Convert.FromHexString(signature), memo);

    private static Transaction MemoVector() => Vector(MemoTransactionVector.Memo, MemoTransactionVector.Signature);

    /// <summary>The v2 vector's full encoding with the memo field (length byte and bytes) replaced by <paramref name="memoField"/>.</summary>
    private static byte[] WithMemoField(byte[] memoField, byte version = Transaction.MemoFormatVersion)
    {
        var encoded = MemoVector().Encode();
        var at = 1 + 1 + TransactionVector.ChainId.Length + 40 + 24;
        var memoLength = 1 + encoded[at];
        byte[] bytes = [version, .. encoded[1..at], .. memoField, .. encoded[(at + memoLength)..]];
        return bytes;
    }

    private static byte[] Field(params byte[] memo) => [(byte)memo.Length, .. memo];

    [Fact]
    public void Memo_vector_canonical_bytes_digest_and_id_are_as_documented()
    {
        var tx = MemoVector();
        Assert.Equal(Transaction.MemoFormatVersion, tx.Version);
        Assert.Equal(MemoTransactionVector.SigningBytes, Convert.ToHexStringLower(tx.SigningBytes()));
        Assert.Equal(MemoTransactionVector.SigningDigest, Convert.ToHexStringLower(SHA256.HashData(tx.SigningBytes())));
        Assert.Equal(MemoTransactionVector.Id, tx.Id.ToString());
        Assert.Equal(MemoTransactionVector.Id, Convert.ToHexStringLower(SHA256.HashData(SHA256.HashData(tx.Encode()))));
    }

    [Fact]
    public void Memo_vector_is_the_v1_vector_with_version_2_and_the_memo_inserted_after_the_nonce()
    {
        var v1 = Convert.FromHexString(TransactionVector.SigningBytes);
        var memo = Encoding.UTF8.GetBytes(MemoTransactionVector.Memo);
        var afterNonce = 1 + 1 + TransactionVector.ChainId.Length + 40 + 24;
        byte[] expected = [2, .. v1[1..afterNonce], (byte)memo.Length, .. memo, .. v1[afterNonce..]];
        Assert.Equal(MemoTransactionVector.SigningBytes, Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void Memo_vector_signature_verifies_and_passes_the_stateless_rules()
    {
        var tx = MemoVector();
        Assert.True(LowS.IsLow(tx.Signature));
        Assert.True(TransactionSigner.Verify(tx));
        Assert.Null(TransactionRules.CheckStateless(tx, TransactionVector.ChainId));
    }

    [Fact]
    public void A_memo_changed_added_or_removed_after_signing_fails_the_signature()
    {
        var signed = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, "tip:3f9a0c1e5b7d2468:42:lisi");
        Assert.Null(TransactionRules.CheckStateless(signed, TransactionVector.ChainId));
        Transaction With(string? memo) => new(signed.ChainId, signed.From, signed.To, signed.Amount, signed.Fee, signed.Nonce, signed.PublicKey, signed.Signature, memo);

        Assert.Equal(TransactionRules.Signature, TransactionRules.CheckStateless(With("tip:3f9a0c1e5b7d2468:42:wangwu"), TransactionVector.ChainId)!.Code);
        Assert.Equal(TransactionRules.Signature, TransactionRules.CheckStateless(With(null), TransactionVector.ChainId)!.Code);
        var plain = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key);
        var added = new Transaction(plain.ChainId, plain.From, plain.To, plain.Amount, plain.Fee, plain.Nonce, plain.PublicKey, plain.Signature, "faucet:lisi");
        Assert.Equal(TransactionRules.Signature, TransactionRules.CheckStateless(added, TransactionVector.ChainId)!.Code);
        Assert.False(TransactionSigner.Verify(Vector("join:3f9a0c1e5b7d2468:zhangsa", MemoTransactionVector.Signature)));
    }

    [Fact]
    public void Without_a_memo_or_with_an_empty_one_a_transaction_is_format_version_1_and_the_v1_vector_is_unchanged()
    {
        foreach (var memo in new[] { null, string.Empty })
        {
            var tx = Vector(memo, TransactionVector.Signature);
            Assert.Null(tx.Memo);
            Assert.Equal(Transaction.FormatVersion, tx.Version);
            Assert.Equal(TransactionVector.SigningBytes, Convert.ToHexStringLower(tx.SigningBytes()));
            Assert.Equal(TransactionVector.Id, tx.Id.ToString());
            Assert.True(TransactionSigner.Verify(tx));
        }

        var signed = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, string.Empty);
        Assert.Equal(1, signed.Encode()[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("join:3f9a0c1e5b7d2468:zhangsan")]
    [InlineData("tip:3f9a0c1e5b7d2468:7:张三")]
    [InlineData("x")]
    [InlineData("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("a memo with spaces, ünïcödé and 64 bytes of UTF-8 text: ok!!")]
    public void Both_format_versions_round_trip_through_the_encoding_byte_for_byte(string? memo)
    {
        var tx = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 1, 2, Key, memo);
        var decoded = Transaction.Decode(tx.Encode());
        Assert.Equal(memo, decoded.Memo);
        Assert.Equal(tx.Version, decoded.Version);
        Assert.Equal(tx.Id, decoded.Id);
        Assert.Equal(tx.Encode(), decoded.Encode());
        Assert.Null(TransactionRules.CheckStateless(decoded, TransactionVector.ChainId));
        Assert.Equal(memo is null ? 1 : 2, tx.Encode()[0]);
    }

    [Fact]
    public void A_64_byte_memo_is_allowed_and_one_byte_more_is_not()
    {
        var longest = new string('m', TransactionMemo.MaxBytes);
        var tx = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, longest);
        Assert.Equal(longest, Transaction.Decode(tx.Encode()).Memo);
        Assert.Throws<FormatException>(() => TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, longest + "m"));
        // 22 three-byte characters are 66 bytes, though only 22 UTF-16 code units: the limit is on bytes.
        Assert.Throws<FormatException>(() => TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, new string('张', 22)));
    }

    public static TheoryData<string, byte[]> MalformedMemoFields => new()
    {
        { "v2 with an empty memo", Field() },
        { "65 bytes", Field([.. Enumerable.Repeat((byte)'a', 65)]) },
        { "invalid byte", Field(0x6a, 0xff) },
        { "overlong encoding of '/'", Field(0xc0, 0xaf) },
        { "encoded surrogate", Field(0xed, 0xa0, 0x80) },
        { "truncated sequence", Field(0x61, 0xe5, 0xbc) },
        { "line feed", Field(0x61, 0x0a, 0x62) },
        { "NUL", Field(0x00) },
        { "DEL", Field(0x61, 0x7f) },
        { "C1 control NEL (U+0085)", Field(0x61, 0xc2, 0x85) },
    };

    [Theory]
    [MemberData(nameof(MalformedMemoFields))]
    public void Decoding_refuses_a_malformed_memo(string why, byte[] memoField)
    {
        Assert.NotNull(why);
        Assert.Throws<FormatException>(() => Transaction.Decode(WithMemoField(memoField)));
    }

    [Fact]
    public void Decoding_refuses_a_length_byte_that_runs_past_the_end_and_an_unknown_version()
    {
        Assert.Equal(MemoTransactionVector.Id, Transaction.Decode(WithMemoField(Field(Encoding.UTF8.GetBytes(MemoTransactionVector.Memo)))).Id.ToString());
        Assert.Throws<FormatException>(() => Transaction.Decode(WithMemoField([200, .. "abc"u8])));
        Assert.Throws<FormatException>(() => Transaction.Decode(WithMemoField(Field("abc"u8.ToArray()), version: 3)));
        // A v1 encoding read as v2 takes the key length (65) as the memo length: still refused, never misread.
        var v1 = Vector(null, TransactionVector.Signature).Encode();
        Assert.Throws<FormatException>(() => Transaction.Decode([2, .. v1[1..]]));
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("tab\there")]
    [InlineData("\u0000")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007f")]
    [InlineData("nel\u0085")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Stateless_rules_refuse_a_malformed_memo_with_tx_memo(string memo)
    {
        var signed = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, "ok");
        var bad = new Transaction(signed.ChainId, signed.From, signed.To, signed.Amount, signed.Fee, signed.Nonce, signed.PublicKey, signed.Signature, memo);
        Assert.Equal(TransactionRules.Memo, TransactionRules.CheckStateless(bad, TransactionVector.ChainId)!.Code);
        Assert.Equal("tx_memo", TransactionRules.Memo);
        Assert.Throws<FormatException>(() => bad.Encode());
        Assert.Throws<FormatException>(() => TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, memo));
    }

    [Fact]
    public void A_lone_surrogate_cannot_be_written_as_a_memo()
    {
        var memo = "lone " + (char)0xd800 + " surrogate";
        Assert.Equal(TransactionRules.Memo, TransactionRules.CheckStateless(new Transaction(TransactionVector.ChainId, TransactionVector.From, TransactionVector.To, 5, 0, 0,
            Convert.FromHexString(TransactionVector.PublicKey), Convert.FromHexString(TransactionVector.Signature), memo), TransactionVector.ChainId)!.Code);
        Assert.Throws<FormatException>(() => TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 0, Key, memo));
    }
}
