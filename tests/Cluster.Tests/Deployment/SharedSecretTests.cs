using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;
using TestSupport.Cluster;

namespace Cluster.Tests.Deployment;

/// <summary>The lesson of the Harbor login bug: every gateway must accept every other gateway's tokens.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedSecretTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_token_issued_by_one_gateway_process_is_accepted_by_another()
    {
        using var cluster = new FailoverCluster(postgres, "secrets", silos: 1, gateways: 2);
        await cluster.StartAsync();
        using var first = new HttpClient { BaseAddress = cluster.Gateways[0]!.HttpAddress };
        using var second = new HttpClient { BaseAddress = cluster.Gateways[1]!.HttpAddress };

        var username = "s" + Guid.NewGuid().ToString("N")[..10];
        await ClusterHttp.Expect(HttpStatusCode.Created, await first.PostAsJsonAsync("/api/accounts", new { username, password = "correct horse battery" }));
        var token = await ClusterHttp.Expect(HttpStatusCode.OK, await first.PostAsJsonAsync("/api/auth/token", new { username, password = "correct horse battery" }));

        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        await ClusterHttp.Expect(HttpStatusCode.Created, await second.PostAsJsonAsync("/api/groups", new { name = "made elsewhere" }));

        // And a token the deployment did not sign is refused by both.
        using var stranger = new HttpClient { BaseAddress = cluster.Gateways[1]!.HttpAddress };
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString()![..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/groups", new { name = "forged" })).StatusCode);
    }

    [Fact]
    public void A_gateway_process_in_client_mode_without_a_signing_key_refuses_to_start_naming_the_setting()
    {
        using var gateway = HostProcess.Start("Gateway", FreePort.Next(), new Dictionary<string, string>
        {
            ["Gateway__Mode"] = "Client",
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ClusterId"] = "c1",
            ["Cluster__ServiceId"] = "svc",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres",
        });

        Assert.True(gateway.WaitForExit(TimeSpan.FromSeconds(60)), "the gateway kept running without a signing key");
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains("Auth:SigningKey", gateway.Output);
    }
}
