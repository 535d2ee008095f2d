using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Chain;

/// <summary>
/// The seed tutorial's whole sequence on a gateway with the shipped chain settings (difficulty, reward, coinbase
/// maturity): mine, look at the chain, send coins from the node with the tutorial's three fields, mine again, sync
/// three nodes. Balances are checked at the end.
/// </summary>
public sealed class TutorialAsWrittenTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task The_seed_sequence_with_unsigned_transactions_works_as_written_and_balances_add_up()
    {
        using var client = factory.CreateClient();
        var (zhangsan, lisi, wangwu) = (ChainHttp.Unique("zhangsan"), ChainHttp.Unique("lisi"), ChainHttp.Unique("wangwu"));

        var genesis = await (await client.GetAsync($"/{zhangsan}/chain")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, genesis.GetProperty("length").GetInt64());
        for (var i = 0; i < 3; i++)
            await (await client.GetAsync($"/{zhangsan}/mine")).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/{lisi}/mine")).JsonAsync(HttpStatusCode.OK);

        // The tutorial's body: sender, recipient, amount (coins). The node sends from its own wallet.
        var added = await (await client.PostAsJsonAsync($"/{zhangsan}/transactions/new", new { sender = zhangsan, recipient = lisi, amount = 5 }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Transaction will be added to Block 5", added.GetProperty("message").GetString());

        var mined = await (await client.GetAsync($"/{zhangsan}/mine")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, mined.GetProperty("index").GetInt64());
        var transfer = mined.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("sender").GetString() != "0");
        Assert.Equal(added.GetProperty("id").GetString(), transfer.GetProperty("id").GetString());
        Assert.Equal(5m, transfer.GetProperty("amount").GetDecimal());

        var chain = await (await client.GetAsync($"/{zhangsan}/chain")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, chain.GetProperty("length").GetInt64());
        Assert.Equal(12.5m, chain.GetProperty("chain")[1].GetProperty("transactions")[0].GetProperty("amount").GetDecimal());

        // Sending by the node's wallet address works the same way.
        var node = await (await client.GetAsync($"/api/nodes/{zhangsan}")).JsonAsync(HttpStatusCode.OK);
        var zhangsanWallet = node.GetProperty("wallet_address").GetString()!;
        var lisiWallet = (await (await client.GetAsync($"/api/nodes/{lisi}")).JsonAsync(HttpStatusCode.OK)).GetProperty("wallet_address").GetString()!;
        await (await client.PostAsJsonAsync($"/{zhangsan}/transactions/new", new { sender = zhangsanWallet, recipient = lisiWallet, amount = 2.5 }))
            .JsonAsync(HttpStatusCode.Created);
        await (await client.GetAsync($"/{zhangsan}/mine")).JsonAsync(HttpStatusCode.OK);

        // Five rewards of 12.5 minus 7.5 sent; lisi's wallet got 7.5 on zhangsan's chain.
        Assert.Equal("55", (await AccountAsync(client, zhangsan, zhangsanWallet)).GetProperty("confirmed_coins").GetString());
        Assert.Equal("7.5", (await AccountAsync(client, zhangsan, lisiWallet)).GetProperty("confirmed_coins").GetString());

        // Consensus: wangwu registers both and takes zhangsan's chain, transfers included.
        await (await client.GetAsync($"/{wangwu}/mine")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/{wangwu}/nodes/register", new { nodes = new[] { zhangsan, lisi } })).JsonAsync(HttpStatusCode.Created);
        var resolved = await (await client.GetAsync($"/{wangwu}/nodes/resolve")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Our chain was replaced", resolved.GetProperty("message").GetString());
        Assert.Equal("7.5", (await AccountAsync(client, wangwu, lisiWallet)).GetProperty("confirmed_coins").GetString());
        Assert.Equal("55", (await AccountAsync(client, wangwu, zhangsanWallet)).GetProperty("confirmed_coins").GetString());
    }

    [Fact]
    public async Task A_reward_cannot_be_spent_before_its_coinbase_matures()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("early");
        await (await client.GetAsync($"/{node}/mine")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = node, amount = 5 }))
            .ProblemAsync(HttpStatusCode.BadRequest, "tx_balance");
    }

    private static Task<JsonElement> AccountAsync(HttpClient client, string node, string address) =>
        client.GetFromJsonAsync<JsonElement>($"/api/nodes/{node}/accounts/{address}");
}
