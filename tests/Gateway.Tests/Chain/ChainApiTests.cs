using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Chat;

namespace Gateway.Tests.Chain;

public sealed class ChainApiTests(ChainGatewayFactory factory) : IClassFixture<ChainGatewayFactory>
{
    [Fact]
    public async Task Wallet_to_confirmed_transfer_through_the_api()
    {
        using var client = factory.CreateClient();
        var node = ChainHttp.Unique("api");
        var (address, key) = await client.NewWalletAsync();
        var (friend, _) = await client.NewWalletAsync();
        await client.FundAsync(node, address);

        var account = await (await client.GetAsync($"/api/nodes/{node}/accounts/{address}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1_250_000_000, account.GetProperty("confirmed_balance").GetInt64());
        Assert.Equal("12.5", account.GetProperty("spendable_coins").GetString());
        Assert.Equal(0, account.GetProperty("next_nonce").GetInt64());

        var tx = await client.SignAsync(key, friend, 100_000_000, 1_000, 0);
        var created = await client.PostAsJsonAsync($"/api/nodes/{node}/transactions", tx);
        var submitted = await created.JsonAsync(HttpStatusCode.Created);
        var id = submitted.GetProperty("status").GetProperty("id").GetString()!;
        Assert.Equal($"/api/nodes/{node}/transactions/{id}", created.Headers.Location?.OriginalString);

        var resubmitted = await (await client.PostAsJsonAsync($"/api/nodes/{node}/transactions", tx)).JsonAsync(HttpStatusCode.OK);
        Assert.True(resubmitted.GetProperty("already_known").GetBoolean());
        var pending = await (await client.GetAsync($"/api/nodes/{node}/transactions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        var pendingAccount = await (await client.GetAsync($"/api/nodes/{node}/accounts/{address}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, pendingAccount.GetProperty("next_nonce").GetInt64());
        Assert.Equal(1_250_000_000 - 100_001_000, pendingAccount.GetProperty("pending_balance").GetInt64());
        Assert.Equal(1, (await (await client.GetAsync($"/api/nodes/{node}/mempool")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        var block = await (await client.PostAsync($"/api/nodes/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1_250_001_000, block.GetProperty("transactions")[0].GetProperty("data").GetProperty("amount").GetInt64());
        var confirmed = await (await client.GetAsync($"/api/nodes/{node}/transactions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal(3, confirmed.GetProperty("height").GetInt64());
        Assert.Equal(1, confirmed.GetProperty("confirmations").GetInt64());
        var friendAccount = await (await client.GetAsync($"/api/nodes/{node}/accounts/{friend}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("1", friendAccount.GetProperty("confirmed_coins").GetString());
    }

    [Fact]
    public async Task Node_chain_block_peer_resolve_settings_and_mining_routes()
    {
        using var client = factory.CreateClient();
        var (a, b) = (ChainHttp.Unique("a"), ChainHttp.Unique("b"));
        await (await client.GetAsync($"/api/nodes/{a}")).ProblemAsync(HttpStatusCode.NotFound, "unknown_node");

        var first = await (await client.PostAsync($"/api/nodes/{a}/mine", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/nodes/{a}/mine", null)).JsonAsync(HttpStatusCode.OK);
        var summary = await (await client.GetAsync($"/api/nodes/{a}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, summary.GetProperty("height").GetInt64());
        Assert.Equal("1f00ffff", summary.GetProperty("next_bits").GetString());

        var page = await (await client.GetAsync($"/api/nodes/{a}/chain?from=1&limit=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("length").GetInt64());
        Assert.Equal(first.GetProperty("hash").GetString(), page.GetProperty("blocks")[0].GetProperty("hash").GetString());
        var block = await (await client.GetAsync($"/api/nodes/{a}/blocks/{first.GetProperty("hash").GetString()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, block.GetProperty("height").GetInt64());
        await (await client.GetAsync($"/api/nodes/{a}/blocks/{new string('0', 64)}")).ProblemAsync(HttpStatusCode.NotFound, "unknown_block");

        var owner = await Gateway.Tests.Chat.ChatApi.SignUpAsync(factory.CreateClient);
        var created = await (await owner.Http.PutAsync($"/api/nodes/{b}", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(owner.UserId, created.GetProperty("owner_id").GetString());
        await (await client.PostAsync($"/api/nodes/{b}/mine", null)).JsonAsync(HttpStatusCode.OK);
        var peers = await (await client.PostJsonAsync($"/api/nodes/{b}/peers", new { peers = new[] { a } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(a, peers[0].GetProperty("node_id").GetString());
        Assert.Equal(1, (await (await client.GetAsync($"/api/nodes/{b}/peers")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
        var resolved = await (await client.PostAsync($"/api/nodes/{b}/resolve", null)).JsonAsync(HttpStatusCode.OK);
        Assert.True(resolved.GetProperty("replaced").GetBoolean());
        Assert.Equal(2, resolved.GetProperty("height").GetInt64());

        var (reward, _) = await client.NewWalletAsync();
        var settings = await owner.Http.PatchAsJsonAsync($"/api/nodes/{b}/settings", new { reward_address = reward, min_fee = 5 });
        var changed = await settings.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(reward, changed.GetProperty("reward_address").GetString());
        Assert.Equal(5, changed.GetProperty("min_fee").GetInt64());

        var on = await (await owner.Http.PutAsJsonAsync($"/api/nodes/{b}/mining", new { enabled = true })).JsonAsync(HttpStatusCode.OK);
        Assert.True(on.GetProperty("continuous_mining").GetBoolean());
        var grew = false;
        for (var i = 0; i < 300 && !grew; i++)
        {
            await Task.Delay(100);
            grew = (await (await client.GetAsync($"/api/nodes/{b}")).JsonAsync(HttpStatusCode.OK)).GetProperty("height").GetInt64() > 2;
        }

        Assert.True(grew);
        var off = await (await owner.Http.PutAsJsonAsync($"/api/nodes/{b}/mining", new { enabled = false })).JsonAsync(HttpStatusCode.OK);
        Assert.False(off.GetProperty("continuous_mining").GetBoolean());
        var account = await (await client.GetAsync($"/api/nodes/{b}/accounts/{reward}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(account.GetProperty("confirmed_balance").GetInt64() >= 1_250_000_000);
    }

    [Fact]
    public async Task Only_the_nodes_owner_changes_its_settings_or_mining_and_anonymous_nodes_belong_to_the_operator()
    {
        var owner = await Gateway.Tests.Chat.ChatApi.SignUpAsync(factory.CreateClient);
        var other = await Gateway.Tests.Chat.ChatApi.SignUpAsync(factory.CreateClient);
        using var anonymous = factory.CreateClient();
        var node = ChainHttp.Unique("mine");
        await (await owner.Http.PutAsync($"/api/nodes/{node}", null)).JsonAsync(HttpStatusCode.Created);
        await (await owner.Http.PutAsync($"/api/nodes/{node}", null)).JsonAsync(HttpStatusCode.OK);
        await (await other.Http.PutAsync($"/api/nodes/{node}", null)).ProblemAsync(HttpStatusCode.Conflict, "node_exists");
        await (await anonymous.PutAsync($"/api/nodes/{node}", null)).ProblemAsync(HttpStatusCode.Unauthorized);

        var (thief, _) = await anonymous.NewWalletAsync();
        var steal = new { reward_address = thief, min_fee = long.MaxValue };
        await (await anonymous.PatchAsJsonAsync($"/api/nodes/{node}/settings", steal)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await other.Http.PatchAsJsonAsync($"/api/nodes/{node}/settings", steal)).ProblemAsync(HttpStatusCode.Forbidden, "not_node_owner");
        await (await anonymous.PutAsJsonAsync($"/api/nodes/{node}/mining", new { enabled = true })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await other.Http.PutAsJsonAsync($"/api/nodes/{node}/mining", new { enabled = true })).ProblemAsync(HttpStatusCode.Forbidden, "not_node_owner");
        var unchanged = await (await anonymous.GetAsync($"/api/nodes/{node}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(unchanged.GetProperty("wallet_address").GetString(), unchanged.GetProperty("reward_address").GetString());
        Assert.Equal(0, unchanged.GetProperty("min_fee").GetInt64());
        Assert.False(unchanged.GetProperty("continuous_mining").GetBoolean());
        await (await owner.Http.PatchAsJsonAsync($"/api/nodes/{node}/settings", new { min_fee = 3 })).JsonAsync(HttpStatusCode.OK);

        var tutorial = ChainHttp.Unique("tut-owner");
        await (await anonymous.GetAsync($"/{tutorial}/mine")).JsonAsync(HttpStatusCode.OK);
        var made = await (await anonymous.GetAsync($"/api/nodes/{tutorial}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("operator", made.GetProperty("owner_id").GetString());
        await (await owner.Http.PatchAsJsonAsync($"/api/nodes/{tutorial}/settings", steal)).ProblemAsync(HttpStatusCode.Forbidden, "not_node_owner");
    }
}
