using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Chain;

public sealed class TutorialApiTests(ChainGatewayFactory factory) : IClassFixture<ChainGatewayFactory>
{
    [Fact]
    public async Task Zhangsan_lisi_wangwu_resolve_leaves_wangwu_on_lisis_chain_of_length_8()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await client.PostAsync("/zhangsan/mine", null)).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 7; i++)
            await (await client.GetAsync("/lisi/mine")).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            var mined = await (await client.GetAsync("/wangwu/mine")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("New Block Forged", mined.GetProperty("message").GetString());
            Assert.Equal(i + 2, mined.GetProperty("index").GetInt64());
        }

        var registered = await (await client.PostJsonAsync("/wangwu/nodes/register", new { nodes = new[] { "zhangsan", "lisi" } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("New nodes have been added", registered.GetProperty("message").GetString());
        Assert.Equal(["zhangsan", "lisi"], registered.GetProperty("total_nodes").EnumerateArray().Select(n => n.GetString()));

        var resolved = await (await client.GetAsync("/wangwu/nodes/resolve")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Our chain was replaced", resolved.GetProperty("message").GetString());
        Assert.Equal(8, resolved.GetProperty("new_chain").GetArrayLength());

        var wangwu = await (await client.GetAsync("/wangwu/chain")).JsonAsync(HttpStatusCode.OK);
        var lisi = await (await client.GetAsync("/lisi/chain")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(8, wangwu.GetProperty("length").GetInt64());
        Assert.Equal(Hashes(lisi), Hashes(wangwu));
        var last = wangwu.GetProperty("chain")[7];
        Assert.Equal(8, last.GetProperty("index").GetInt64());
        Assert.Equal(wangwu.GetProperty("chain")[6].GetProperty("hash").GetString(), last.GetProperty("previous_hash").GetString());
        Assert.StartsWith("0000", last.GetProperty("hash").GetString(), StringComparison.Ordinal);
        var coinbase = last.GetProperty("transactions")[0];
        Assert.Equal("0", coinbase.GetProperty("sender").GetString());
        Assert.Equal(12.5m, coinbase.GetProperty("amount").GetDecimal());
        Assert.Equal(1_250_000_000, coinbase.GetProperty("amount_units").GetInt64());

        var again = await (await client.GetAsync("/wangwu/nodes/resolve")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Our chain is authoritative", again.GetProperty("message").GetString());
        Assert.Equal(8, again.GetProperty("chain").GetArrayLength());
    }

    [Fact]
    public async Task Routes_without_a_prefix_go_to_the_configured_default_node()
    {
        using var client = factory.CreateClient();
        var chain = await (await client.GetAsync("/chain")).JsonAsync(HttpStatusCode.OK);
        var before = chain.GetProperty("length").GetInt64();
        var mined = await (await client.PostAsync("/mine", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before + 1, mined.GetProperty("index").GetInt64());
        var node = await (await client.GetAsync($"/api/nodes/{ChainGatewayFactory.DefaultNode}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(mined.GetProperty("hash").GetString(), node.GetProperty("tip_hash").GetString());
    }

    [Fact]
    public async Task Unprefixed_register_resolve_and_new_transaction_act_on_the_default_node()
    {
        using var client = factory.CreateClient();
        var rich = ChainHttp.Unique("rich");
        for (var i = 0; i < 4; i++)
            await (await client.GetAsync($"/{rich}/mine")).JsonAsync(HttpStatusCode.OK);
        var registered = await (await client.PostJsonAsync("/nodes/register", new { nodes = new[] { rich } })).JsonAsync(HttpStatusCode.Created);
        Assert.Contains(rich, registered.GetProperty("total_nodes").EnumerateArray().Select(n => n.GetString()));
        var resolved = await (await client.GetAsync("/nodes/resolve")).JsonAsync(HttpStatusCode.OK);
        var chain = await (await client.GetAsync("/chain")).JsonAsync(HttpStatusCode.OK);
        var richChain = await (await client.GetAsync($"/{rich}/chain")).JsonAsync(HttpStatusCode.OK);
        // The default node has mined at most one block elsewhere in this class; the rich node has four.
        Assert.Equal("Our chain was replaced", resolved.GetProperty("message").GetString());
        Assert.Equal(5, chain.GetProperty("length").GetInt64());
        Assert.Equal(richChain.GetProperty("chain")[4].GetProperty("hash").GetString(), chain.GetProperty("chain")[4].GetProperty("hash").GetString());
        await (await client.PostJsonAsync("/transactions/new", new { sender = "a" })).ProblemAsync(HttpStatusCode.BadRequest, "missing_values");
        await (await client.GetAsync($"/api/nodes/{rich}/chain?from=abc")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_signed_transaction_posted_the_tutorial_way_goes_into_the_next_block()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("tut");
        var (address, key) = await client.NewWalletAsync();
        var (friend, _) = await client.NewWalletAsync();
        await client.FundAsync(node, address);
        var tx = await client.SignAsync(key, friend, 250_000_000, 100, 0);

        // Signed the usual way in units; the tutorial route takes the same amounts in coins.
        var body = new
        {
            sender = tx.GetProperty("from").GetString(),
            recipient = tx.GetProperty("to").GetString(),
            amount = 2.5m,
            fee = 0.000001m,
            nonce = tx.GetProperty("nonce").GetInt64(),
            public_key = tx.GetProperty("public_key").GetString(),
            signature = tx.GetProperty("signature").GetString(),
        };
        var accepted = await (await client.PostJsonAsync($"/{node}/transactions/new", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Transaction will be added to Block 4", accepted.GetProperty("message").GetString());

        var mined = await (await client.GetAsync($"/{node}/mine")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, mined.GetProperty("index").GetInt64());
        Assert.Contains(mined.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("id").GetString() == accepted.GetProperty("id").GetString());
        var account = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/nodes/{node}/accounts/{friend}");
        Assert.Equal("2.5", account.GetProperty("confirmed_coins").GetString());
    }

    [Fact]
    public async Task Tutorial_routes_refuse_bad_input_with_problem_details()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("tut-bad");
        await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = "a", recipient = "b" })).ProblemAsync(HttpStatusCode.BadRequest, "missing_values");
        await (await client.PostJsonAsync($"/{node}/nodes/register", new { nodes = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest, "missing_nodes");
        await (await client.PostJsonAsync($"/{node}/nodes/register", new { })).ProblemAsync(HttpStatusCode.BadRequest, "missing_nodes");
        await (await client.PostJsonAsync($"/{node}/nodes/register", new { nodes = new[] { ChainHttp.Unique("ghost") } })).ProblemAsync(HttpStatusCode.BadRequest, "peer_unknown");
        await (await client.PostJsonAsync($"/{node}/nodes/register", new { nodes = new[] { node } })).ProblemAsync(HttpStatusCode.BadRequest, "peer_self");
        await (await client.PostRawAsync($"/{node}/transactions/new", "{\"sender\":")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostRawAsync($"/{node}/transactions/new", $"{{\"sender\":\"{node}\",\"recipient\":\"{node}\",\"amount\":\"5\"}}")).ProblemAsync(HttpStatusCode.BadRequest, "bad_json");
        await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = node, amount = 0.123456789m })).ProblemAsync(HttpStatusCode.BadRequest, "bad_amount");
        await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = "nobody-at-all", amount = 1 })).ProblemAsync(HttpStatusCode.BadRequest, "bad_recipient");
        var stranger = await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = new string('a', 40), recipient = node, amount = 1 }))
            .ProblemAsync(HttpStatusCode.BadRequest, "unsigned_sender");
        Assert.Contains("docs/chain.md", stranger.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PostJsonAsync($"/{node}/transactions/new", new { sender = node, recipient = new string('0', 40), amount = 1 })).ProblemAsync(HttpStatusCode.BadRequest, "tx_recipient");
        await (await client.GetAsync("/api/mine")).ProblemAsync(HttpStatusCode.BadRequest, "id_invalid");
    }

    private static IEnumerable<string?> Hashes(System.Text.Json.JsonElement chain) =>
        chain.GetProperty("chain").EnumerateArray().Select(b => b.GetProperty("hash").GetString()).ToList();
}
