using Grains.Interfaces.Chain;

namespace Grains.Interfaces.Payments;

/// <summary>
/// One wallet on the payments node (key: <see cref="WalletIds"/>). A custodial wallet holds its key encrypted at rest
/// and signs for its owner; a self-custody wallet only knows its owner's public key and takes transactions the owner
/// signed. The grain moves coins only from its own address.
/// </summary>
[Alias("Payments.IWalletGrain")]
public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>The address and balances; a custodial wallet makes its key on first use.</summary>
    [Alias("Get")]
    Task<WalletView> GetAsync();

    /// <summary>Recent transactions to or from the wallet (mempool first, then blocks), newest first.</summary>
    [Alias("GetActivity")]
    Task<IReadOnlyList<WalletActivity>> GetActivityAsync(int limit);

    /// <summary>
    /// Signs and sends a payment from a custodial wallet (402 <c>payment_required</c> when the spendable balance does not
    /// cover it). Idempotent by client id.
    /// </summary>
    [Alias("Pay")]
    Task<PaymentReceipt> PayAsync(PaymentOrder order);

    /// <summary>Sends a transaction the owner of a self-custody wallet signed; it must spend from this wallet's address.</summary>
    [Alias("SubmitSigned")]
    Task<PaymentReceipt> SubmitSignedAsync(TransactionData transaction);

    /// <summary>Switches to self-custody with the owner's own P-256 public key (only while the wallet holds nothing).</summary>
    [Alias("UseOwnKey")]
    Task<WalletView> UseOwnKeyAsync(string publicKey);

    /// <summary>Development coins from the payments node's own wallet, at most <paramref name="perHour"/> times an hour.</summary>
    [Alias("Faucet")]
    Task<PaymentReceipt> FaucetAsync(long amount, int perHour);
}
