using System.Net.Http.Json;
using Cluster.Tests.Infrastructure;
using Grains.Interfaces.Cluster;
using Npgsql;
using TestSupport;

namespace Cluster.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class TwoSiloClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Gateway_in_client_mode_reaches_grains_on_two_real_silos_listed_active_in_membership()
    {
        using var cluster = new RealCluster(postgres, "twosilo");
        var silos = new[] { cluster.StartSilo(), cluster.StartSilo() };
        await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync()));
        var gateway = cluster.StartGateway();
        await gateway.WaitUntilReadyAsync();

        var active = await ActiveSilosAsync(cluster);
        Assert.Equal(2, active.Count);

        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        var served = new HashSet<string>();
        // The info grain is a stateless worker, so calls land on the silo the gateway picks; ask a few times.
        for (var i = 0; i < 40 && served.Count < 2; i++)
        {
            var info = await http.GetFromJsonAsync<SiloInfo>("/api/cluster/silo", ApiJsonOptions.Instance);
            Assert.NotNull(info);
            served.Add(info.SiloAddress);
        }

        Assert.NotEmpty(served);
        Assert.All(served, address => Assert.Contains(active, silo => address.Contains(silo, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SIGTERM_makes_a_silo_leave_membership_and_exit_cleanly()
    {
        using var cluster = new RealCluster(postgres, "sigterm");
        var staying = cluster.StartSilo();
        var leaving = cluster.StartSilo();
        await Task.WhenAll(staying.WaitUntilReadyAsync(), leaving.WaitUntilReadyAsync());
        Assert.Equal(2, (await ActiveSilosAsync(cluster)).Count);

        Assert.True(leaving.Terminate(TimeSpan.FromSeconds(60)), "the silo did not stop after SIGTERM");
        Assert.Equal(0, leaving.ExitCode);

        // Graceful shutdown writes its own status (Dead = 6) before exiting; nobody had to vote it out.
        Assert.Single(await ActiveSilosAsync(cluster));
        Assert.Equal(1, await SilosWithStatusAsync(cluster, status: 6));
        await staying.WaitUntilReadyAsync();
    }

    private static async Task<long> SilosWithStatusAsync(RealCluster cluster, int status)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE cluster_id = @cluster AND status = @status", connection);
        command.Parameters.AddWithValue("cluster", cluster.ClusterId);
        command.Parameters.AddWithValue("status", status);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>"address:port" of every silo with status Active (3) in the membership table.</summary>
    internal static async Task<List<string>> ActiveSilosAsync(RealCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(MembershipSql.ActiveSilos, connection);
        command.Parameters.AddWithValue("cluster", cluster.ClusterId);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add($"{reader.GetString(0)}:{reader.GetInt32(1)}");
        return result;
    }
}
