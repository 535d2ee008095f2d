using System.Security.Cryptography;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using Grains.Storage;
using Microsoft.Extensions.Options;

namespace Grains.Payments;

/// <summary>
/// A wallet on the payments node. It orchestrates: the key stays sealed by <see cref="WalletKeyCipher"/> except while a
/// transaction is signed, a payment is written (with its signed transaction) before it is sent so a retry resends the
/// same one, and the node decides balances.
/// </summary>
public sealed class WalletGrain(
    [PersistentState("wallet", StorageNames.State)] IPersistentState<WalletState> state,
    WalletKeyCipher cipher,
    IOptions<PaymentOptions> payments,
    IOptions<ChainOptions> chain,
    TimeProvider clock) : Grain, IWalletGrain
{
    private const int RememberedPayments = 1_000;

    private string WalletId => this.GetPrimaryKeyString();
    private IChainNodeGrain Node => GrainFactory.GetGrain<IChainNodeGrain>(payments.Value.PaymentsNode);

    public async Task<WalletView> GetAsync()
    {
        var address = await AddressAsync();
        var account = await Node.GetAccountAsync(address);
        return new WalletView(address, Custody, account.ConfirmedBalance, account.SpendableBalance, account.PendingBalance,
            Convert.ToHexStringLower(state.State.PublicKey!));
    }

    public async Task<IReadOnlyList<WalletActivity>> GetActivityAsync(int limit)
    {
        var address = await AddressAsync();
        var found = await Node.GetActivityAsync(address, Math.Clamp(limit, 1, 200));
        return found.Select(t => new WalletActivity(t.Id, t.Data.From, t.Data.To, t.Data.Amount, t.Data.Fee, t.Data.Memo, t.Height, t.Confirmations ?? 0)).ToArray();
    }

    public async Task<PaymentReceipt> PayAsync(PaymentOrder order)
    {
        PaymentRules.Check(order);
        if (state.State.Sent.TryGetValue(order.ClientId, out var sent))
            return await ResendAsync(sent, order);
        var address = await AddressAsync();
        if (state.State.SealedKey is not { } sealedKey)
            throw DomainException.Conflict(ErrorCodes.SelfCustody, "This wallet holds its owner's key: sign the transaction yourself and submit it.");

        var account = await Node.GetAccountAsync(address);
        var fee = (await Node.GetSummaryAsync()).MinFee;
        var price = PaymentRules.Plus(order.Amount, fee);
        if (account.SpendableBalance < price)
            throw PaymentRules.NotEnough(price, account.SpendableBalance);

        var key = cipher.Unprotect(sealedKey, WalletId);
        Transaction tx;
        try
        {
            tx = TransactionSigner.Sign(chain.Value.NetworkId, order.To, order.Amount, fee, account.NextNonce, key, order.Memo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        sent = new SentPayment(order, ChainViews.ToData(tx), tx.Id.ToString());
        Remember(order.ClientId, sent);
        await state.WriteStateAsync();
        return await SendAsync(sent);
    }

    public async Task<PaymentReceipt> SubmitSignedAsync(TransactionData transaction)
    {
        var address = await AddressAsync();
        if (Custody != WalletCustody.Self)
            throw DomainException.Conflict(ErrorCodes.SelfCustody, "This wallet's key is held by the service; pay with a transfer instead.");
        if (transaction.From != address)
            throw DomainException.Forbidden(ErrorCodes.TxSender, $"Only transactions from this wallet ({address}) can be submitted here.");
        return await SendAsync(new SentPayment(new PaymentOrder(transaction.To, transaction.Amount, transaction.Memo, "signed"), transaction,
            ChainViews.ToTransaction(transaction).Id.ToString()));
    }

    public async Task<WalletView> UseOwnKeyAsync(string publicKey)
    {
        var key = PaymentRules.PublicKey(publicKey);
        var current = await GetAsync();
        if (current.Custody == WalletCustody.Self && current.PublicKey == Convert.ToHexStringLower(key))
            return current;
        if (current.ConfirmedBalance != 0 || current.PendingBalance != 0)
            throw DomainException.Conflict(ErrorCodes.WalletNotEmpty, "Move the coins out first: a wallet changes keys only while it holds nothing.");
        state.State.SealedKey = null;
        state.State.PublicKey = key;
        await state.WriteStateAsync();
        return await GetAsync();
    }

    public async Task<PaymentReceipt> FaucetAsync(long amount, int perHour)
    {
        var address = await AddressAsync();
        var now = clock.GetUtcNow();
        state.State.FaucetTimes.RemoveAll(t => now - t >= TimeSpan.FromHours(1));
        if (state.State.FaucetTimes.Count >= perHour)
        {
            throw DomainException.TooMany(ErrorCodes.FaucetLimited, $"The faucet gives each wallet coins {perHour} times an hour.",
                state.State.FaucetTimes[0] + TimeSpan.FromHours(1) - now);
        }

        SubmitResult result;
        try
        {
            result = await Node.SendFromWalletAsync(address, amount, null, WalletIds.IsUser(WalletId, out var userId) ? PaymentMemo.Faucet(userId).Memo : null);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.TxBalance)
        {
            throw DomainException.Unavailable(ErrorCodes.FaucetEmpty, "The faucet has no mature coins yet; the payments node is mining, try again shortly.", TimeSpan.FromSeconds(5));
        }

        state.State.FaucetTimes.Add(now);
        await state.WriteStateAsync();
        var data = result.Status.Data;
        return new PaymentReceipt(result.Status.Id, data.From, data.To, data.Amount, data.Fee, data.Memo, result.Status.Confirmations ?? 0);
    }

    private WalletCustody Custody => state.State.SealedKey is null && state.State.PublicKey is not null ? WalletCustody.Self : WalletCustody.Server;

    /// <summary>The wallet's address; a new custodial wallet makes and seals its key first.</summary>
    private async Task<string> AddressAsync()
    {
        if (state.State.PublicKey is null)
        {
            var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
            state.State.SealedKey = cipher.Protect(privateKey, WalletId);
            CryptographicOperations.ZeroMemory(privateKey);
            state.State.PublicKey = publicKey;
            await state.WriteStateAsync();
        }

        return Address.FromPublicKey(state.State.PublicKey);
    }

    private async Task<PaymentReceipt> ResendAsync(SentPayment sent, PaymentOrder order)
    {
        if (sent.Order != order)
            throw DomainException.Conflict(ErrorCodes.ClientIdReused, $"client_id {order.ClientId} was used for another payment.");
        return await SendAsync(sent);
    }

    private async Task<PaymentReceipt> SendAsync(SentPayment sent)
    {
        var result = await Node.SubmitTransactionAsync(sent.Transaction);
        var data = result.Status.Data;
        return new PaymentReceipt(result.Status.Id, data.From, data.To, data.Amount, data.Fee, data.Memo, result.Status.Confirmations ?? 0);
    }

    private void Remember(string clientId, SentPayment sent)
    {
        state.State.Sent[clientId] = sent;
        state.State.SentOrder.Add(clientId);
        while (state.State.SentOrder.Count > RememberedPayments)
        {
            state.State.Sent.Remove(state.State.SentOrder[0]);
            state.State.SentOrder.RemoveAt(0);
        }
    }
}
