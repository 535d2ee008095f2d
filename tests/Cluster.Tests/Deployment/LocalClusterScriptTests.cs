using System.Globalization;
using System.Net;
using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Deployment;

/// <summary>deploy/local/cluster.sh as the README shows it: up, status, kill, start, down.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task Cluster_script_brings_up_postgres_silos_gateway_and_nginx_and_survives_a_killed_silo()
    {
        var state = Path.Combine(Path.GetTempPath(), "cluster-sh-" + Guid.NewGuid().ToString("N")[..8]);
        var lbPort = FreePort.Next();
        // The script numbers its ports base+K (K from 1), so each base comes with the ports above it free.
        var environment = new Dictionary<string, string>
        {
            ["STATE_DIR"] = state,
            ["CONFIGURATION"] = RepositoryPaths.Configuration,
            ["PG_PORT"] = Port(FreePort.Next()),
            ["LB_PORT"] = Port(lbPort),
            ["SILO_PORT_BASE"] = Port(FreePort.NextRange(3)),
            ["GATEWAY_PORT_BASE"] = Port(FreePort.NextRange(3)),
            ["SILO_HTTP_BASE"] = Port(FreePort.NextRange(3)),
            ["GATEWAY_HTTP_BASE"] = Port(FreePort.NextRange(3)),
            ["CLUSTER_ID"] = "script-" + Guid.NewGuid().ToString("N")[..6],
        };
        var script = Path.Combine(RepositoryPaths.Root, "deploy", "local", "cluster.sh");
        string Run(params string[] arguments) => Command.Run("bash", [script, .. arguments], environment, TimeSpan.FromMinutes(5));

        try
        {
            var up = Run("up", "--silos", "2", "--gateways", "1");
            Assert.Contains("ready: 2 silo(s), 1 gateway(s)", up);
            Assert.Contains($"load balancer  http://127.0.0.1:{lbPort}", up);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{lbPort}"), Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/cluster/silo")).StatusCode);

            var status = await StatusWhenAllReadyAsync(Run, expected: 4);
            Assert.Equal(4, ReadyCount(status));
            Assert.Contains("postgres    up", status);

            Assert.Contains("silo 2 stopped (KILL)", Run("kill", "silo", "2"));
            Assert.Matches(@"silo\s+2\s+down", Run("status"));
            // Right after the kill a call may still be routed to the dead silo (503, Retry-After); a client retrying finds the survivor.
            Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(http, "/api/cluster/silo"));

            Assert.Contains("started silo 2", Run("start", "silo", "2"));
            Assert.Equal(4, ReadyCount(await StatusWhenAllReadyAsync(Run, expected: 4)));
            Assert.Contains("down", Run("down"));
        }
        finally
        {
            try
            {
                Run("clean");
            }
            catch (InvalidOperationException)
            {
            }

            if (Directory.Exists(state))
                Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient http, string path)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 30 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await http.GetAsync(path);
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }

        return status;
    }

    /// <summary>
    /// <c>status</c> asks each process for its readiness, which for a gateway is a grain call; right after a
    /// start it may not answer yet, so poll for up to 30 s and return the last status printed.
    /// </summary>
    private static async Task<string> StatusWhenAllReadyAsync(Func<string[], string> run, int expected)
    {
        var status = run(["status"]);
        for (var attempt = 0; attempt < 30 && ReadyCount(status) < expected; attempt++)
        {
            await Task.Delay(1_000);
            status = run(["status"]);
        }

        return status;
    }

    private static int ReadyCount(string status) => status.Split('\n').Count(line => line.Contains("ready 200", StringComparison.Ordinal));

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
