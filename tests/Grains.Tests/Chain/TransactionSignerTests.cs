using System.Security.Cryptography;
using Grains.Chain;

namespace Grains.Tests.Chain;

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
}
