using System.Numerics;
using System.Security.Cryptography;
using Grains.Chain.Model;
using Grains.Chain.Transactions;

namespace Grains.Tests.Chain.Transactions;

public sealed class TransactionSignerTests
{
    private static Transaction VectorTransaction(string signature = TransactionVector.Signature) => new(
        TransactionVector.ChainId, TransactionVector.From, TransactionVector.To, TransactionVector.Amount, TransactionVector.Fee,
        TransactionVector.Nonce, Convert.FromHexString(TransactionVector.PublicKey), Convert.FromHexString(signature));

    [Fact]
    public void Test_vector_public_key_and_address_follow_from_the_private_key()
    {
        var publicKey = TransactionSigner.PublicKeyOf(Convert.FromHexString(TransactionVector.PrivateKey));
        Assert.Equal(TransactionVector.PublicKey, Convert.ToHexStringLower(publicKey));
        Assert.Equal(TransactionVector.From, Convert.ToHexStringLower(SHA256.HashData(publicKey)[..20]));
        Assert.Equal(TransactionVector.From, Address.FromPublicKey(publicKey));
    }

    [Fact]
    public void Test_vector_canonical_bytes_digest_and_id_are_as_documented()
    {
        var tx = VectorTransaction();
        Assert.Equal(TransactionVector.SigningBytes, Convert.ToHexStringLower(tx.SigningBytes()));
        Assert.Equal(TransactionVector.SigningDigest, Convert.ToHexStringLower(SHA256.HashData(tx.SigningBytes())));
        Assert.Equal(TransactionVector.Id, tx.Id.ToString());
    }

    [Fact]
    public void Test_vector_signature_verifies_and_a_changed_byte_does_not()
    {
        Assert.True(TransactionSigner.Verify(VectorTransaction()));
        var tampered = TransactionVector.Signature[..^2] + (TransactionVector.Signature[^2..] == "00" ? "01" : "00");
        Assert.False(TransactionSigner.Verify(VectorTransaction(tampered)));
        var otherAmount = new Transaction(TransactionVector.ChainId, TransactionVector.From, TransactionVector.To, TransactionVector.Amount + 1,
            TransactionVector.Fee, TransactionVector.Nonce, Convert.FromHexString(TransactionVector.PublicKey), Convert.FromHexString(TransactionVector.Signature));
        Assert.False(TransactionSigner.Verify(otherAmount));
    }

    [Fact]
    public void A_signature_made_here_verifies_with_the_key_alone()
    {
        var signed = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, 3, Convert.FromHexString(TransactionVector.PrivateKey));
        Assert.Equal(TransactionVector.From, signed.From);
        Assert.True(TransactionSigner.Verify(signed));
        Assert.Null(TransactionRules.CheckStateless(signed, TransactionVector.ChainId));
    }

    [Fact]
    public void Encoding_round_trips_and_refuses_truncated_or_non_canonical_input()
    {
        var tx = VectorTransaction();
        var decoded = Transaction.Decode(tx.Encode());
        Assert.Equal(tx.Id, decoded.Id);
        Assert.Throws<FormatException>(() => Transaction.Decode(tx.Encode()[..^1]));
        Assert.Throws<FormatException>(() => Transaction.Decode([.. tx.Encode(), 0]));
    }

    [Fact]
    public void Stateless_rules_name_what_is_wrong()
    {
        var key = Convert.FromHexString(TransactionVector.PrivateKey);
        Assert.Equal(TransactionRules.Amount, TransactionRules.CheckStateless(TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 0, 0, 0, key), TransactionVector.ChainId)!.Code);
        Assert.Equal(TransactionRules.Amount, TransactionRules.CheckStateless(TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, -5, 0, 0, key), TransactionVector.ChainId)!.Code);
        Assert.Equal(TransactionRules.Fee, TransactionRules.CheckStateless(TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, -1, 0, key), TransactionVector.ChainId)!.Code);
        Assert.Equal(TransactionRules.ChainId, TransactionRules.CheckStateless(VectorTransaction(), "another-net")!.Code);
        var stolen = new Transaction(TransactionVector.ChainId, Address.ForLabel("victim"), TransactionVector.To, 5, 0, 0,
            Convert.FromHexString(TransactionVector.PublicKey), Convert.FromHexString(TransactionVector.Signature));
        Assert.Equal(TransactionRules.Sender, TransactionRules.CheckStateless(stolen, TransactionVector.ChainId)!.Code);
    }

    [Fact]
    public void A_high_s_twin_of_a_valid_signature_is_refused_so_a_transfer_has_one_id()
    {
        var tx = VectorTransaction();
        Assert.True(LowS.IsLow(tx.Signature));
        var order = new BigInteger(Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(tx.Signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var twin = tx.Signature.ToArray();
        (order - s).TryWriteBytes(twin.AsSpan(32), out _, isUnsigned: true, isBigEndian: true);
        var malleated = tx.WithSignature(twin);

        // The twin is a valid ECDSA signature over the same bytes, with another id: exactly what must not be accepted.
        Assert.True(TransactionSigner.Verify(malleated));
        Assert.NotEqual(tx.Id, malleated.Id);
        Assert.Equal(TransactionRules.HighS, TransactionRules.CheckStateless(malleated, TransactionVector.ChainId)!.Code);
        Assert.Null(TransactionRules.CheckStateless(tx, TransactionVector.ChainId));
        Assert.Equal(tx.Signature, LowS.Normalize(twin));
    }

    [Fact]
    public void Signatures_made_here_are_always_low_s()
    {
        var key = Convert.FromHexString(TransactionVector.PrivateKey);
        for (var i = 0; i < 64; i++)
        {
            var tx = TransactionSigner.Sign(TransactionVector.ChainId, TransactionVector.To, 5, 0, i, key);
            Assert.True(LowS.IsLow(tx.Signature));
            Assert.Null(TransactionRules.CheckStateless(tx, TransactionVector.ChainId));
        }
    }

    [Fact]
    public void Sending_to_the_all_zero_coinbase_address_is_refused()
    {
        var key = Convert.FromHexString(TransactionVector.PrivateKey);
        var burn = TransactionSigner.Sign(TransactionVector.ChainId, Address.Coinbase, 5, 0, 0, key);
        Assert.Equal(TransactionRules.Recipient, TransactionRules.CheckStateless(burn, TransactionVector.ChainId)!.Code);
    }
}
