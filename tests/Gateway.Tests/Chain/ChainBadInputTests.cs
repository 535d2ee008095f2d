using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Chain;

/// <summary>Bad input to every kind of chain route is a 4xx problem-details answer that names the rule, never a 5xx.</summary>
public sealed class ChainBadInputTests(ChainGatewayFactory factory) : IClassFixture<ChainGatewayFactory>
{
    private async Task<(HttpClient Client, string Node, string Key, string Address)> FundedAsync()
    {
        var client = factory.CreateClient();
        var node = ChainHttp.Unique("bad");
        var (address, key) = await client.NewWalletAsync();
        await client.FundAsync(node, address);
        return (client, node, key, address);
    }

    private static Dictionary<string, object?> AsBody(JsonElement tx) =>
        tx.EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : p.Value.GetString()));

    [Fact]
    public async Task Malformed_bodies_are_400_and_oversized_bodies_413()
    {
        using var client = factory.CreateClient();
        var url = $"/api/nodes/{ChainHttp.Unique("n")}/transactions";
        await (await client.PostRawAsync(url, "{\"from\": ")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync(url, "hello")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync(url, "[1, 2]")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync(url, "")).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        await (await client.PostRawAsync(url, "null")).ProblemAsync(HttpStatusCode.BadRequest, "body_missing");
        var missing = await (await client.PostJsonAsync(url, new { to = "ab" })).ProblemAsync(HttpStatusCode.BadRequest, "missing_fields");
        Assert.Contains("signature", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PostRawAsync(url, "{\"amount\": 12.5}")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync(url, "{\"amount\": \"ten\"}")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        // The docs say integers: a number in a string is refused, not read.
        await (await client.PostRawAsync(url, "{\"amount\": \"5\"}")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync("/api/wallets/sign", "{\"amount\": \"5\", \"nonce\": 0}")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");

        // Oversized chain bodies (413 body_too_large) are refused by the server itself: see Hardening/BodyCapTests, on Kestrel.
    }

    [Fact]
    public async Task Zero_or_negative_amounts_wrong_nonces_and_bad_signatures_name_their_rule()
    {
        var (client, node, key, _) = await FundedAsync();
        using var _ = client;
        var (friend, _) = await client.NewWalletAsync();
        var url = $"/api/nodes/{node}/transactions";

        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 0, 0, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_amount");
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, -5, 0, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_amount");
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 5, -1, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_fee");
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 5, 0, 3))).ProblemAsync(HttpStatusCode.BadRequest, "tx_nonce");
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 2_000_000_000, 0, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_balance");

        var forged = AsBody(await client.SignAsync(key, friend, 5, 0, 0));
        forged["amount"] = 6L;
        await (await client.PostAsJsonAsync(url, forged)).ProblemAsync(HttpStatusCode.BadRequest, "tx_signature");
        var otherChain = AsBody(await client.SignAsync(key, friend, 5, 0, 0));
        otherChain["chain_id"] = "some-other-net";
        await (await client.PostAsJsonAsync(url, otherChain)).ProblemAsync(HttpStatusCode.BadRequest, "tx_chain_id");
        var (thief, _) = await client.NewWalletAsync();
        var stolen = AsBody(await client.SignAsync(key, friend, 5, 0, 0));
        stolen["from"] = thief;
        await (await client.PostAsJsonAsync(url, stolen)).ProblemAsync(HttpStatusCode.BadRequest, "tx_sender");
        var garbled = AsBody(await client.SignAsync(key, friend, 5, 0, 0));
        garbled["public_key"] = "zz";
        await (await client.PostAsJsonAsync(url, garbled)).ProblemAsync(HttpStatusCode.BadRequest, "tx_malformed");

        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 5, 0, 0))).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 7, 0, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_double_spend");
        await (await client.PostAsync($"/api/nodes/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync(url, await client.SignAsync(key, friend, 7, 0, 0))).ProblemAsync(HttpStatusCode.BadRequest, "tx_replay");
    }

    [Fact]
    public async Task Unknown_or_invalid_nodes_addresses_and_ids_are_4xx()
    {
        using var client = factory.CreateClient();
        var ghost = ChainHttp.Unique("ghost");
        foreach (var path in new[] { "", "/chain", "/mempool", "/peers", $"/accounts/{new string('a', 40)}", $"/transactions/{new string('a', 64)}" })
            await (await client.GetAsync($"/api/nodes/{ghost}{path}")).ProblemAsync(HttpStatusCode.NotFound, "unknown_node");
        await (await client.GetAsync($"/api/nodes/{new string('x', 80)}")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
        await (await client.GetAsync("/api/nodes/bad%20id/chain")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");

        var node = ChainHttp.Unique("real");
        await (await client.PostAsync($"/api/nodes/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/nodes/{node}/accounts/not-an-address")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
        await (await client.GetAsync($"/api/nodes/{node}/transactions/123")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
        await (await client.GetAsync($"/api/nodes/{node}/blocks/xyz")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
        await (await client.GetAsync($"/api/nodes/{node}/transactions/{new string('a', 64)}")).ProblemAsync(HttpStatusCode.NotFound, "unknown_transaction");
        await (await client.PostJsonAsync($"/api/nodes/{node}/mine", new { miner_address = "nope" })).ProblemAsync(HttpStatusCode.BadRequest, "bad_address");
        await (await client.PostJsonAsync($"/api/nodes/{node}/peers", new { peers = new[] { ghost } })).ProblemAsync(HttpStatusCode.BadRequest, "peer_unknown");
        await (await client.PostJsonAsync($"/api/nodes/{node}/peers", new { peers = new[] { node } })).ProblemAsync(HttpStatusCode.BadRequest, "peer_self");
        await (await client.PostJsonAsync($"/api/nodes/{node}/peers", new { peers = new[] { "bad id!" } })).ProblemAsync(HttpStatusCode.BadRequest, "peer_invalid");
        await (await client.PostJsonAsync($"/api/nodes/{node}/peers", new { })).ProblemAsync(HttpStatusCode.BadRequest, "missing_fields");
        var owner = await Gateway.Tests.Chat.ChatApi.SignUpAsync(factory.CreateClient);
        var owned = ChainHttp.Unique("owned");
        await (await owner.Http.PutAsync($"/api/nodes/{owned}", null)).JsonAsync(HttpStatusCode.Created);
        await (await owner.Http.PutAsJsonAsync($"/api/nodes/{owned}/mining", new { })).ProblemAsync(HttpStatusCode.BadRequest, "missing_fields");
        await (await owner.Http.PatchAsJsonAsync($"/api/nodes/{owned}/settings", new { min_fee = -1 })).ProblemAsync(HttpStatusCode.BadRequest, "bad_fee");
        await (await owner.Http.PatchAsJsonAsync($"/api/nodes/{owned}/settings", new { reward_address = new string('0', 40) })).ProblemAsync(HttpStatusCode.BadRequest, "bad_address");
        await (await client.PostJsonAsync("/api/wallets/sign", new { private_key = "xyz", to = new string('a', 40), amount = 1, nonce = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "bad_private_key");
        await (await client.PostJsonAsync("/api/wallets/sign", new { private_key = new string('0', 64), to = new string('a', 40), amount = 1, nonce = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "bad_private_key");
        await (await client.PostJsonAsync("/api/wallets/sign", new { to = new string('a', 40) })).ProblemAsync(HttpStatusCode.BadRequest, "missing_fields");
    }
}
