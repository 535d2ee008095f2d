using Grains.Interfaces.Chain;
using Grains.Interfaces.Payments;

namespace Grains.Payments;

[GenerateSerializer, Alias("Payments.WalletState")]
public sealed class WalletState
{
    /// <summary>The custodial private key, sealed by <see cref="WalletKeyCipher"/>; null for a self-custody wallet.</summary>
    [Id(0)] public byte[]? SealedKey { get; set; }

    /// <summary>The wallet's public key (65 bytes, uncompressed P-256): its address is derived from it.</summary>
    [Id(1)] public byte[]? PublicKey { get; set; }

    /// <summary>Payments by client id, each with the signed transaction, written before it is sent (so a retry resends it).</summary>
    [Id(2)] public Dictionary<string, SentPayment> Sent { get; set; } = [];

    /// <summary>Client ids in the order they were used, to forget the oldest.</summary>
    [Id(3)] public List<string> SentOrder { get; set; } = [];

    [Id(4)] public List<DateTimeOffset> FaucetTimes { get; set; } = [];
}

[GenerateSerializer, Alias("Payments.SentPayment")]
public sealed record SentPayment(
    [property: Id(0)] PaymentOrder Order,
    [property: Id(1)] TransactionData Transaction,
    [property: Id(2)] string TransactionId);
