using Grains.Chain.Model;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;

namespace Grains.Payments;

/// <summary>What a payment order and a registered key must be, and how a short balance is reported.</summary>
public static class PaymentRules
{
    public const int MaxClientIdLength = 64;

    public static void Check(PaymentOrder order)
    {
        if (string.IsNullOrWhiteSpace(order.ClientId) || order.ClientId.Length > MaxClientIdLength)
            throw DomainException.Invalid(ErrorCodes.ClientIdInvalid, $"client_id is required and at most {MaxClientIdLength} characters.");
        if (order.Amount <= 0)
            throw DomainException.Invalid(ErrorCodes.AmountInvalid, "amount must be a positive number of units.");
        if (!Address.IsValid(order.To) || order.To == Address.Coinbase)
            throw DomainException.Invalid(ErrorCodes.BadAddress, "to must be an address (40 lower-case hex digits), not the all-zero coinbase address.");
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/> (both ≥ 0), or long.MaxValue when that does not fit: a price too big to pay, never a negative one.</summary>
    public static long Plus(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary><paramref name="a"/> × <paramref name="b"/> (both ≥ 0), or long.MaxValue when that does not fit.</summary>
    public static long Times(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;

    public static DomainException NotEnough(long price, long balance) =>
        DomainException.PaymentRequired($"This needs {price} units (fee included); the wallet can spend {balance}.", price, balance);

    /// <summary>The 65 bytes of an uncompressed P-256 public key given as hex; 400 <c>bad_public_key</c> otherwise.</summary>
    public static byte[] PublicKey(string? hex)
    {
        byte[] key;
        try
        {
            key = Convert.FromHexString(hex ?? string.Empty);
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length != 65 || key[0] != 0x04 || !Chain.Transactions.TransactionSigner.IsOnCurve(key))
            throw DomainException.Invalid(ErrorCodes.BadPublicKey, "public_key must be an uncompressed P-256 point: 130 hex digits starting 04.");
        return key;
    }
}
