using System.Globalization;
using System.Net;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Foundation;

/// <summary>The Orleans Dashboard in cluster mode: off unless <c>Dashboard:Enabled</c> asks for it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterDashboardTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_cluster_silo_serves_the_dashboard_only_when_Dashboard_Enabled_says_so()
    {
        foreach (var (enabled, expected) in new[] { ((string?)null, HttpStatusCode.NotFound), ("true", HttpStatusCode.OK) })
        {
            var settings = new Dictionary<string, string>
            {
                ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            };
            if (enabled is not null)
                settings["Dashboard__Enabled"] = enabled;
            using var silo = HostProcess.Start("Silo", FreePort.Next(), settings);
            await silo.WaitUntilReadyAsync();

            using var http = new HttpClient { BaseAddress = silo.HttpAddress };
            using var response = await http.GetAsync("/dashboard");
            Assert.True(response.StatusCode == expected, $"Dashboard:Enabled={enabled ?? "(unset)"}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_client_gateway_asked_to_shows_the_dashboard_of_silos_that_run_it_and_one_not_asked_does_not()
    {
        using var cluster = new RealCluster(postgres, "dashboard");
        var silo = cluster.StartSilo(new Dictionary<string, string> { ["Dashboard__Enabled"] = "true" });
        await silo.WaitUntilReadyAsync();
        var showing = cluster.StartGateway(new Dictionary<string, string> { ["Dashboard__Enabled"] = "true" });
        var plain = cluster.StartGateway();
        await Task.WhenAll(showing.WaitUntilReadyAsync(), plain.WaitUntilReadyAsync());

        using var http = new HttpClient { BaseAddress = showing.HttpAddress };
        using var page = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // The dashboard samples the cluster once a second; its first sample may not be in yet.
        var hosts = 0;
        for (var attempt = 0; attempt < 50 && hosts == 0; attempt++)
        {
            using var counters = JsonDocument.Parse(await http.GetStringAsync("/dashboard/DashboardCounters"));
            hosts = counters.RootElement.GetProperty("totalActiveHostCount").GetInt32();
            if (hosts == 0)
                await Task.Delay(200);
        }

        Assert.Equal(1, hosts);
        using var other = new HttpClient { BaseAddress = plain.HttpAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/dashboard")).StatusCode);
    }
}
