using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Chain;

/// <summary>Chain nodes on real Silo processes over PostgreSQL, reached through a Gateway in client mode.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChainOnRealClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Tutorial_scenario_through_a_client_gateway_survives_losing_the_silos_that_ran_it()
    {
        using var cluster = new RealCluster(postgres, "chain");
        var first = new[] { cluster.StartSilo(), cluster.StartSilo() };
        await Task.WhenAll(first.Select(s => s.WaitUntilReadyAsync()));
        var gateway = cluster.StartGateway();
        await gateway.WaitUntilReadyAsync();
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };

        foreach (var (node, blocks) in new[] { ("zhangsan", 3), ("lisi", 7), ("wangwu", 2) })
        {
            for (var i = 0; i < blocks; i++)
                Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/{node}/mine", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/wangwu/nodes/register", new { nodes = new[] { "zhangsan", "lisi" } })).StatusCode);
        var resolved = await http.GetFromJsonAsync<JsonElement>("/wangwu/nodes/resolve");
        Assert.Equal("Our chain was replaced", resolved.GetProperty("message").GetString());
        var lisi = await ChainAsync(http, "lisi");
        var wangwu = await ChainAsync(http, "wangwu");
        Assert.Equal(8, wangwu.Count);
        Assert.Equal(lisi, wangwu);

        // A new silo joins, one old silo dies without warning and the other stops: every node must be
        // reloaded from PostgreSQL by the only silo left.
        var replacement = cluster.StartSilo();
        await replacement.WaitUntilReadyAsync();
        first[0].Kill();
        Assert.True(first[1].Terminate(TimeSpan.FromSeconds(60)), "the second silo did not stop after SIGTERM");

        // Until membership declares the killed silo dead, a call routed to a grain it hosted answers 503
        // (retryable); every read after the failure therefore retries, whichever silo its node was on.
        var restored = await EventuallyAsync(() => ChainAsync(http, "wangwu"));
        Assert.Equal(wangwu, restored);
        Assert.Equal(lisi, await EventuallyAsync(() => ChainAsync(http, "lisi")));
        var summary = await EventuallyAsync(() => http.GetFromJsonAsync<JsonElement>("/api/nodes/wangwu"));
        Assert.Equal(["zhangsan", "lisi"], summary.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("node_id").GetString()));
        var again = await EventuallyAsync(() => http.GetFromJsonAsync<JsonElement>("/wangwu/nodes/resolve"));
        Assert.Equal("Our chain is authoritative", again.GetProperty("message").GetString());
    }

    private static async Task<List<string>> ChainAsync(HttpClient http, string node)
    {
        var chain = await http.GetFromJsonAsync<JsonElement>($"/{node}/chain");
        return chain.GetProperty("chain").EnumerateArray().Select(b => b.GetProperty("hash").GetString()!).ToList();
    }

    /// <summary>The gateway may take a few tries to notice the dead silos and reach the new one.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                await Task.Delay(1_000);
            }
        }
    }
}
