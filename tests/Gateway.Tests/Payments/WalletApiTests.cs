using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using static Gateway.Tests.Payments.PaymentsGatewayFactory;

namespace Gateway.Tests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class WalletApiTests(PaymentsGatewayFactory factory)
{
    private const string NetworkId = "chaincoin-teaching";

    [Fact]
    public async Task Chain_info_gives_the_coin_its_decimals_and_the_payments_node_without_a_token()
    {
        var info = await factory.CreateClient().GetJsonAsync("/api/chain/info");
        Assert.Equal(8, info.GetProperty("decimals").GetInt32());
        Assert.Equal(UnitsPerCoin, info.GetProperty("units_per_coin").GetInt64());
        Assert.Equal("main", info.GetProperty("payments_node").GetString());
        Assert.Equal(1, info.GetProperty("payment_confirmations").GetInt32());
        Assert.True(info.GetProperty("faucet_enabled").GetBoolean());
        Assert.Equal(NetworkId, info.GetProperty("network_id").GetString());
    }

    [Fact]
    public async Task The_wallet_needs_a_token_starts_empty_is_funded_by_the_faucet_once_confirmed_and_the_faucet_is_rate_limited()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/me/wallet")).StatusCode);
        var user = await factory.UserAsync();
        var wallet = await user.WalletAsync();
        Assert.Matches("^[0-9a-f]{40}$", wallet.GetProperty("address").GetString());
        Assert.Equal("server", wallet.GetProperty("custody").GetString());
        Assert.Equal(0, wallet.GetProperty("confirmed_balance").GetInt64());
        Assert.Empty(wallet.GetProperty("recent").EnumerateArray());

        var first = await user.FundAsync();
        wallet = await user.WalletAsync();
        Assert.Equal(FaucetAmount, wallet.GetProperty("confirmed_balance").GetInt64());
        Assert.Equal("20", wallet.GetProperty("confirmed_coins").GetString());
        var recent = Assert.Single(wallet.GetProperty("recent").EnumerateArray());
        Assert.Equal(first, recent.GetProperty("transaction_id").GetString());
        Assert.True(recent.GetProperty("confirmations").GetInt64() >= 1);
        Assert.Equal("faucet:" + user.UserId, recent.GetProperty("memo").GetString());

        // Three a wallet an hour (the default): the fourth is 429 with Retry-After, and pays nothing.
        for (var i = 0; i < 2; i++)
        {
            using var again = await user.Http.PostAsync("/api/me/wallet/faucet", null);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        using var limited = await user.Http.PostAsync("/api/me/wallet/faucet", null);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "faucet_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        await PaymentsHttp.UntilAsync(async () => await user.ConfirmedAsync() == 3 * FaucetAmount, "the other two faucet payments to confirm");
        Assert.Equal(3, (await user.WalletAsync()).GetProperty("recent").GetArrayLength());
    }

    [Fact]
    public async Task A_transfer_pays_a_username_or_an_address_once_per_client_id()
    {
        var payer = await factory.UserAsync();
        var byName = await factory.UserAsync();
        var byAddress = await factory.UserAsync();
        await payer.FundAsync();

        var receipt = await (await payer.TransferAsync(byName.Username, 3 * UnitsPerCoin, "t-1", "thanks")).ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.Equal(await byName.AddressAsync(), receipt.GetProperty("to").GetString());
        Assert.Equal(await payer.AddressAsync(), receipt.GetProperty("from").GetString());
        Assert.Equal("thanks", receipt.GetProperty("memo").GetString());
        var transactionId = receipt.GetProperty("transaction_id").GetString()!;

        // The same client id again (a retry): the same transaction, nothing paid twice.
        var retry = await (await payer.TransferAsync(byName.Username, 3 * UnitsPerCoin, "t-1", "thanks")).ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.Equal(transactionId, retry.GetProperty("transaction_id").GetString());
        // The same client id for another payment is a mistake, said so.
        await (await payer.TransferAsync(byName.Username, 4 * UnitsPerCoin, "t-1")).AssertProblemAsync(HttpStatusCode.Conflict, "client_id_reused");

        var toAddress = await (await payer.TransferAsync(await byAddress.AddressAsync(), 2 * UnitsPerCoin, "t-2")).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await payer.Http.ConfirmedAsync(transactionId);
        await payer.Http.ConfirmedAsync(toAddress.GetProperty("transaction_id").GetString()!);

        Assert.Equal(3 * UnitsPerCoin, await byName.ConfirmedAsync());
        Assert.Equal(2 * UnitsPerCoin, await byAddress.ConfirmedAsync());
        Assert.Equal(FaucetAmount - (5 * UnitsPerCoin), await payer.ConfirmedAsync());
        var seen = (await byName.WalletAsync()).GetProperty("recent").EnumerateArray().Single();
        Assert.Equal(transactionId, seen.GetProperty("transaction_id").GetString());
    }

    [Fact]
    public async Task Bad_transfers_are_refused_with_a_code_and_move_nothing()
    {
        var payer = await factory.UserAsync();
        var payee = await factory.UserAsync();
        await payer.FundAsync();
        var before = await payer.PendingAsync();

        var tooMuch = await (await payer.TransferAsync(payee.Username, before + 1, "big")).AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment_required");
        Assert.Equal(before + 1, tooMuch.GetProperty("price").GetInt64());
        Assert.Equal(before, tooMuch.GetProperty("balance").GetInt64());

        await (await payer.TransferAsync(payee.Username, 0, "zero")).AssertProblemAsync(HttpStatusCode.BadRequest, "amount_invalid");
        await (await payer.TransferAsync(payee.Username, -5, "negative")).AssertProblemAsync(HttpStatusCode.BadRequest, "amount_invalid");
        await (await payer.TransferAsync(payee.Username, long.MaxValue, "huge")).AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment_required");
        await (await payer.TransferAsync("nobody" + Guid.NewGuid().ToString("N")[..8], UnitsPerCoin, "ghost")).AssertProblemAsync(HttpStatusCode.NotFound, "user_not_found");
        await (await payer.TransferAsync(Address.Coinbase, UnitsPerCoin, "burn")).AssertProblemAsync(HttpStatusCode.BadRequest, "bad_address");
        await (await payer.TransferAsync(payee.Username, UnitsPerCoin, new string('c', 65))).AssertProblemAsync(HttpStatusCode.BadRequest, "client_id_invalid");
        using (var missing = await payer.Http.PostAsJsonAsync("/api/me/wallet/transfers", new { to = payee.Username }))
            await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "missing_fields");

        Assert.Equal(before, await payer.PendingAsync());
        Assert.Equal(0, await payee.PendingAsync());
        Assert.Empty((await payee.WalletAsync()).GetProperty("recent").EnumerateArray());
    }

    [Fact]
    public async Task A_self_custody_wallet_takes_the_owners_signed_transactions_and_nothing_signed_for_another_wallet()
    {
        var owner = await factory.UserAsync();
        var other = await factory.UserAsync();
        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var address = Address.FromPublicKey(publicKey);

        using (var bad = await owner.Http.PutAsJsonAsync("/api/me/wallet/key", new { public_key = "04" + new string('1', 128) }))
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_public_key");
        var wallet = await (await owner.Http.PutAsJsonAsync("/api/me/wallet/key", new { public_key = Convert.ToHexStringLower(publicKey) })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("self", wallet.GetProperty("custody").GetString());
        Assert.Equal(address, wallet.GetProperty("address").GetString());

        await owner.FundAsync();
        // The service holds no key for it: a transfer is refused, and the key can no longer change while it holds coins.
        await (await owner.TransferAsync(other.Username, UnitsPerCoin, "x")).AssertProblemAsync(HttpStatusCode.Conflict, "self_custody");
        using (var rekey = await owner.Http.PutAsJsonAsync("/api/me/wallet/key", new { public_key = Convert.ToHexStringLower(TransactionSigner.CreateKeyPair().PublicKey) }))
            await rekey.AssertProblemAsync(HttpStatusCode.Conflict, "wallet_not_empty");

        var signed = Signed(privateKey, await other.AddressAsync(), 4 * UnitsPerCoin, nonce: 0, memo: "for the book");
        var receipt = await (await owner.Http.PostAsJsonAsync("/api/me/wallet/transactions", signed)).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await owner.Http.ConfirmedAsync(receipt.GetProperty("transaction_id").GetString()!);
        Assert.Equal(4 * UnitsPerCoin, await other.ConfirmedAsync());
        Assert.Equal(FaucetAmount - (4 * UnitsPerCoin), await owner.ConfirmedAsync());

        // A transaction signed by someone else's key, even a valid one, is not this wallet's to send.
        var stranger = TransactionSigner.CreateKeyPair();
        using (var foreign = await owner.Http.PostAsJsonAsync("/api/me/wallet/transactions", Signed(stranger.PrivateKey, address, 1, 0)))
            await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, "tx_sender");
        // A custodial wallet has no business with pre-signed transactions.
        using (var custodial = await other.Http.PostAsJsonAsync("/api/me/wallet/transactions", Signed(privateKey, await other.AddressAsync(), 1, 1)))
            await custodial.AssertProblemAsync(HttpStatusCode.Conflict, "self_custody");
        Assert.Equal(4 * UnitsPerCoin, await other.PendingAsync());
    }

    [Fact]
    public async Task The_faucet_can_be_switched_off()
    {
        using var off = new PaymentsGatewayFactory();
        off.With("Wallet:FaucetEnabled", "false");
        off.With("Chat:MinePaymentsNode", "false");
        var user = await off.UserAsync();
        using var refused = await user.Http.PostAsync("/api/me/wallet/faucet", null);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "faucet_disabled");
        Assert.False((await off.CreateClient().GetJsonAsync("/api/chain/info")).GetProperty("faucet_enabled").GetBoolean());
    }

    /// <summary>The body of POST /api/me/wallet/transactions: a transaction signed with <paramref name="privateKey"/>.</summary>
    public static object Signed(byte[] privateKey, string to, long amount, long nonce, string? memo = null)
    {
        var tx = TransactionSigner.Sign(NetworkId, to, amount, 0, nonce, privateKey, memo);
        return new
        {
            chain_id = tx.ChainId,
            from = tx.From,
            to = tx.To,
            amount = tx.Amount,
            fee = tx.Fee,
            nonce = tx.Nonce,
            public_key = Convert.ToHexStringLower(tx.PublicKey),
            signature = Convert.ToHexStringLower(tx.Signature),
            memo = tx.Memo,
        };
    }
}
