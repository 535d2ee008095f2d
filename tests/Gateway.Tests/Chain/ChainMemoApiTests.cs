using System.Net;
using System.Text.Json;
using Grains.Interfaces.Chain;

namespace Gateway.Tests.Chain;

/// <summary>Memos (transaction format version 2) through the HTTP routes: signed in, submitted, mined and shown.</summary>
public sealed class ChainMemoApiTests(ChainGatewayFactory factory) : IClassFixture<ChainGatewayFactory>
{
    private const string Group = "3f9a0c1e5b7d2468";

    private static async Task<JsonElement> SignAsync(HttpClient client, string privateKey, string to, long amount, long nonce, string? memo)
    {
        var signed = await (await client.PostJsonAsync("/api/wallets/sign", new { private_key = privateKey, to, amount, fee = 10, nonce, memo }))
            .JsonAsync(HttpStatusCode.OK);
        return signed.GetProperty("transaction");
    }

    private static Dictionary<string, object?> Body(JsonElement tx) =>
        tx.EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : p.Value.GetString()));

    [Fact]
    public async Task A_memo_signed_by_the_demo_wallet_is_submitted_mined_and_shown_on_every_view()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("memo");
        var (payer, key) = await client.NewWalletAsync();
        var (treasury, _) = await client.NewWalletAsync();
        await client.FundAsync(node, payer);
        var memo = PaymentMemo.Join(Group, "张三丰").Memo;

        var tx = await SignAsync(client, key, treasury, 1_000, 0, memo);
        Assert.Equal(memo, tx.GetProperty("memo").GetString());
        var submitted = await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", tx)).JsonAsync(HttpStatusCode.Created);
        var id = submitted.GetProperty("status").GetProperty("id").GetString()!;
        Assert.Equal(memo, submitted.GetProperty("status").GetProperty("data").GetProperty("memo").GetString());
        var pooled = (await (await client.GetAsync($"/api/nodes/{node}/mempool")).JsonAsync(HttpStatusCode.OK))[0];
        Assert.Equal(memo, pooled.GetProperty("data").GetProperty("memo").GetString());

        var block = await (await client.PostAsync($"/api/nodes/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(memo, block.GetProperty("transactions")[1].GetProperty("data").GetProperty("memo").GetString());
        var confirmed = await (await client.GetAsync($"/api/nodes/{node}/transactions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal(memo, confirmed.GetProperty("data").GetProperty("memo").GetString());
        var tutorialChain = await (await client.GetAsync($"/{node}/chain")).JsonAsync(HttpStatusCode.OK);
        var shown = tutorialChain.GetProperty("chain").EnumerateArray().SelectMany(b => b.GetProperty("transactions").EnumerateArray()).Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal(memo, shown.GetProperty("memo").GetString());

        // What the API shows is what the payment side wrote: the same class reads it back.
        Assert.Equal(PaymentMemo.Join(Group, "张三丰"), PaymentMemo.Parse(confirmed.GetProperty("data").GetProperty("memo").GetString()!));
    }

    [Fact]
    public async Task A_transaction_without_a_memo_shows_memo_null_and_an_empty_memo_is_no_memo()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("plain");
        var (payer, key) = await client.NewWalletAsync();
        var (shop, _) = await client.NewWalletAsync();
        await client.FundAsync(node, payer);

        var plain = await SignAsync(client, key, shop, 1_000, 0, null);
        var empty = await SignAsync(client, key, shop, 1_000, 0, string.Empty);
        // Like the API's other nullable fields (a pending transaction's height), an absent memo is shown as null.
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("memo").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("memo").ValueKind);

        var submitted = await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", plain)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("status").GetProperty("data").GetProperty("memo").ValueKind);
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("status").GetProperty("height").ValueKind);

        // The same signature with memo "" is the same format version 1 transaction: already known.
        var again = Body(plain);
        again["memo"] = string.Empty;
        var known = await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", again)).JsonAsync(HttpStatusCode.OK);
        Assert.True(known.GetProperty("already_known").GetBoolean());
    }

    [Fact]
    public async Task A_memo_changed_after_signing_is_tx_signature_and_a_malformed_memo_is_tx_memo()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("forged");
        var (payer, key) = await client.NewWalletAsync();
        var (shop, _) = await client.NewWalletAsync();
        await client.FundAsync(node, payer);
        var tx = Body(await SignAsync(client, key, shop, 1_000, 0, PaymentMemo.Tip(Group, 7, "lisi").Memo));

        var changed = new Dictionary<string, object?>(tx) { ["memo"] = PaymentMemo.Tip(Group, 7, "wangwu").Memo };
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", changed)).ProblemAsync(HttpStatusCode.BadRequest, "tx_signature");
        var dropped = new Dictionary<string, object?>(tx) { ["memo"] = null };
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", dropped)).ProblemAsync(HttpStatusCode.BadRequest, "tx_signature");
        var tooLong = new Dictionary<string, object?>(tx) { ["memo"] = new string('张', 22) };
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", tooLong)).ProblemAsync(HttpStatusCode.BadRequest, "tx_memo");
        var control = new Dictionary<string, object?>(tx) { ["memo"] = "line\nbreak" };
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", control)).ProblemAsync(HttpStatusCode.BadRequest, "tx_memo");

        var loneSurrogate = JsonSerializer.Serialize(new Dictionary<string, object?>(tx) { ["memo"] = "LONE" }).Replace("\"LONE\"", "\"\\ud800\"", StringComparison.Ordinal);
        await (await client.PostRawAsync($"/api/nodes/{node}/transactions", loneSurrogate)).ProblemAsync(HttpStatusCode.BadRequest);

        await (await client.PostJsonAsync("/api/wallets/sign", new { private_key = key, to = shop, amount = 1, nonce = 0, memo = new string('m', 65) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "tx_memo");
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", tx)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_documented_v2_vector_verifies_as_posted()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("vector");
        var vector = new Dictionary<string, object?>
        {
            ["from"] = "ed796d7cbb56bd305c4413182e83823b280786c7",
            ["to"] = "00112233445566778899aabbccddeeff00112233",
            ["amount"] = 150_000_000,
            ["fee"] = 1_000,
            ["nonce"] = 0,
            ["public_key"] = "0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4",
            ["signature"] = "9bf7732fc9cabf5f26907dc1b5d14ac29de090072cbecf1113a4f3ffa24414591a7c119331d72cffc11621cc7e4bf5718d4d053dc0270f85972dfc61ed92c386",
            ["memo"] = "join:3f9a0c1e5b7d2468:zhangsan",
        };

        // The vector's sender holds nothing: a refusal for its balance means the signature over the memo verified.
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", vector)).ProblemAsync(HttpStatusCode.BadRequest, "tx_balance");
        vector["memo"] = "join:3f9a0c1e5b7d2468:lisi";
        await (await client.PostJsonAsync($"/api/nodes/{node}/transactions", vector)).ProblemAsync(HttpStatusCode.BadRequest, "tx_signature");
    }

    [Fact]
    public async Task The_tutorial_route_takes_a_memo_signed_by_the_sender_or_signed_in_by_the_node_itself()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("tutmemo");
        var (payer, key) = await client.NewWalletAsync();
        var (friend, _) = await client.NewWalletAsync();
        await client.FundAsync(node, payer);
        var memo = PaymentMemo.Payout("0123456789abcdef", "lisi").Memo;
        var tx = await SignAsync(client, key, friend, 250_000_000, 0, memo);

        var signed = new
        {
            sender = payer,
            recipient = friend,
            amount = 2.5m,
            fee = 0.0000001m,
            nonce = 0,
            public_key = tx.GetProperty("public_key").GetString(),
            signature = tx.GetProperty("signature").GetString(),
            memo,
        };
        var accepted = await (await client.PostJsonAsync($"/{node}/transactions/new", signed)).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/{node}/transactions/new", signed with { memo = PaymentMemo.Payout("0123456789abcdef", "wangwu").Memo }))
            .ProblemAsync(HttpStatusCode.BadRequest, "tx_signature");

        var faucet = PaymentMemo.Faucet("lisi").Memo;
        var fromNode = await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = friend, amount = 1, memo = faucet }))
            .JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = friend, amount = 1, memo = "a\u0000" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "tx_memo");

        var mined = await (await client.GetAsync($"/{node}/mine")).JsonAsync(HttpStatusCode.OK);
        var memos = mined.GetProperty("transactions").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("memo").GetString());
        Assert.Equal(memo, memos[accepted.GetProperty("id").GetString()!]);
        Assert.Equal(faucet, memos[fromNode.GetProperty("id").GetString()!]);
    }
}
