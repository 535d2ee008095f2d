using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Chain;

/// <summary>Small helpers for chain HTTP tests: JSON in and out, and problem-details checks.</summary>
internal static class ChainHttp
{
    public static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Asserts a 4xx problem-details answer with the given status and rule code.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        if (code is not null)
            Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public static async Task<(string Address, string PrivateKey)> NewWalletAsync(this HttpClient client)
    {
        var wallet = await (await client.PostAsync("/api/wallets", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Contains("not", wallet.GetProperty("warning").GetString(), StringComparison.OrdinalIgnoreCase);
        return (wallet.GetProperty("address").GetString()!, wallet.GetProperty("private_key").GetString()!);
    }

    /// <summary>Signs through the demo endpoint and returns the transaction object ready to post.</summary>
    public static async Task<JsonElement> SignAsync(this HttpClient client, string privateKey, string to, long amount, long fee, long nonce)
    {
        var signed = await (await client.PostJsonAsync("/api/wallets/sign", new { private_key = privateKey, to, amount, fee, nonce })).JsonAsync(HttpStatusCode.OK);
        return signed.GetProperty("transaction");
    }

    /// <summary>Mines to the address, then once more so (with maturity 1) the first reward is spendable.</summary>
    public static async Task FundAsync(this HttpClient client, string node, string address)
    {
        await (await client.PostJsonAsync($"/api/nodes/{node}/mine", new { miner_address = address })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/nodes/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
    }
}
