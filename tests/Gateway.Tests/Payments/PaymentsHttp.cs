using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using TestSupport;

namespace Gateway.Tests.Payments;

/// <summary>What payment tests do over HTTP: read wallets and transactions, fund from the faucet, wait for the chain.</summary>
public static class PaymentsHttp
{
    /// <summary>How long a test waits for the chain to do something (a bound, not a speed expectation).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJsonOptions.Instance)!;
    }

    /// <summary>Asserts a problem-details refusal with its status and code; returns the body for more checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public static Task<JsonElement> WalletAsync(this ChatApi user) => user.Http.GetJsonAsync("/api/me/wallet");

    public static async Task<string> AddressAsync(this ChatApi user) => (await user.WalletAsync()).GetProperty("address").GetString()!;

    public static async Task<long> ConfirmedAsync(this ChatApi user) => (await user.WalletAsync()).GetProperty("confirmed_balance").GetInt64();

    /// <summary>The balance with pending transactions counted: what the wallet will hold once they confirm.</summary>
    public static async Task<long> PendingAsync(this ChatApi user) => (await user.WalletAsync()).GetProperty("pending_balance").GetInt64();

    /// <summary>Confirmed balance of any address on the payments node.</summary>
    public static async Task<long> BalanceOfAsync(this HttpClient http, string address) =>
        (await http.GetJsonAsync($"/api/nodes/main/accounts/{address}")).GetProperty("confirmed_balance").GetInt64();

    public static async Task<JsonElement> TransactionAsync(this HttpClient http, string transactionId) =>
        await http.GetJsonAsync($"/api/nodes/main/transactions/{transactionId}");

    public static async Task<long> ConfirmationsAsync(this HttpClient http, string transactionId) =>
        (await http.TransactionAsync(transactionId)).GetProperty("confirmations") is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;

    /// <summary>
    /// One faucet payment (asked again while the node has no mature coins yet), waited for until confirmed.
    /// Returns its transaction id.
    /// </summary>
    public static async Task<string> FundAsync(this ChatApi user)
    {
        var before = await user.ConfirmedAsync();
        string? transaction = null;
        await UntilAsync(async () =>
        {
            using var response = await user.Http.PostAsync("/api/me/wallet/faucet", null);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                return false;
            transaction = (await response.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("transaction_id").GetString();
            return true;
        }, "the faucet to pay");
        await UntilAsync(async () => await user.ConfirmedAsync() >= before + PaymentsGatewayFactory.FaucetAmount, "the faucet payment to confirm");
        return transaction!;
    }

    /// <summary>Waits until a transaction has at least <paramref name="confirmations"/> confirmations.</summary>
    public static Task ConfirmedAsync(this HttpClient http, string transactionId, long confirmations = 1) =>
        UntilAsync(async () => await http.ConfirmationsAsync(transactionId) >= confirmations, $"transaction {transactionId} to have {confirmations} confirmation(s)");

    /// <summary>Asks <paramref name="done"/> every 100 ms until it says yes; fails naming what never happened.</summary>
    public static Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? patience = null) =>
        Waiting.UntilAsync(done, what, patience ?? Patience);

    public static Task<HttpResponseMessage> TransferAsync(this ChatApi user, string to, long amount, string clientId, string? memo = null) =>
        user.Http.PostAsJsonAsync("/api/me/wallet/transfers", new { to, amount, client_id = clientId, memo });
}
