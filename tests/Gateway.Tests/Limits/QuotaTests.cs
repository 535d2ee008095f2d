using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Limits;

/// <summary>
/// What one account or one client address may create or ask for: groups owned (403) and created per minute (429),
/// chain nodes owned (403), nodes created anonymously through the tutorial routes (429) and mine requests (429).
/// Each test runs its own gateway with the limit it checks set low.
/// </summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task The_third_group_of_an_account_allowed_two_is_403_group_quota_exceeded()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Limits:GroupsPerAccount", "2").With("Limits:GroupCreationsPerMinute", "1000");
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        await user.CreateGroupAsync("one");
        await user.CreateGroupAsync("two");

        await (await user.Http.PostAsJsonAsync("/api/groups", new { name = "three" })).ProblemAsync(HttpStatusCode.Forbidden, "group_quota_exceeded");

        // The quota is the account's: someone else still creates groups.
        var other = await ChatApi.SignUpAsync(factory.CreateClient);
        await other.CreateGroupAsync("theirs");
    }

    [Fact]
    public async Task The_third_group_created_within_a_minute_is_429()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Limits:GroupCreationsPerMinute", "2");
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        await user.CreateGroupAsync("one");
        await user.CreateGroupAsync("two");

        var third = await user.Http.PostAsJsonAsync("/api/groups", new { name = "three" });

        await third.ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_second_node_of_an_account_allowed_one_is_403_node_quota_exceeded()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Limits:NodesPerAccount", "1");
        var user = await ChatApi.SignUpAsync(factory.CreateClient);
        var first = ChainHttp.Unique("mine");

        await (await user.Http.PutAsync($"/api/nodes/{first}", null)).JsonAsync(HttpStatusCode.Created);
        await (await user.Http.PutAsync($"/api/nodes/{ChainHttp.Unique("more")}", null)).ProblemAsync(HttpStatusCode.Forbidden, "node_quota_exceeded");

        // Asking again for the node it has is not a new node.
        await (await user.Http.PutAsync($"/api/nodes/{first}", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_third_anonymous_new_node_is_429_node_creation_limited_while_existing_nodes_still_mine()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Limits:AnonymousNodesPerHour", "2").With("Limits:MineRequestsPerMinute", "1000");
        var http = factory.CreateClient();
        var first = ChainHttp.Unique("anon");
        await (await http.PostAsync($"/{first}/mine", null)).JsonAsync(HttpStatusCode.OK);
        await (await http.PostAsync($"/api/nodes/{ChainHttp.Unique("anon")}/mine", null)).JsonAsync(HttpStatusCode.OK);

        var third = await http.PostAsync($"/{ChainHttp.Unique("anon")}/mine", null);
        await third.ProblemAsync(HttpStatusCode.TooManyRequests, "node_creation_limited");
        Assert.NotNull(third.Headers.RetryAfter);
        await (await http.PostAsync($"/api/nodes/{ChainHttp.Unique("anon")}/mine", null)).ProblemAsync(HttpStatusCode.TooManyRequests, "node_creation_limited");

        var mined = await (await http.PostAsync($"/{first}/mine", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, mined.GetProperty("index").GetInt64());
    }

    [Fact]
    public async Task The_third_mine_request_within_a_minute_is_429_with_a_code()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Limits:MineRequestsPerMinute", "2");
        var http = factory.CreateClient();
        var node = ChainHttp.Unique("miner");
        await (await http.PostAsync($"/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);
        await (await http.PostAsync($"/{node}/mine", null)).JsonAsync(HttpStatusCode.OK);

        var third = await http.PostAsync($"/{node}/mine", null);

        await third.ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(third.Headers.RetryAfter);
    }
}
