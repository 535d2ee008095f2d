using System.Text;
using Grains.Tests.Infrastructure;
using Npgsql;
using Silo.Hosting;
using TestSupport;

namespace Grains.Tests.Storage;

public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Grain_state_survives_a_full_restart_of_a_two_silo_cluster()
    {
        var options = new ClusterHostOptions { Storage = StorageMode.AdoNet, ConnectionString = postgres.NewDatabase("restart") };
        var serviceId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 8).Select(i => $"note-{i}-{Guid.NewGuid():N}").ToArray();

        var first = ClusterFixture.CreateBuilder(options, silos: 2, serviceId).Build();
        await first.DeployAsync();
        try
        {
            Assert.Equal(2, first.Silos.Count);
            foreach (var key in keys)
            {
                var grain = first.Client.GetGrain<IDurableNoteGrain>(key);
                await grain.AppendAsync("first");
                await grain.AppendAsync("second " + key);
            }
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = ClusterFixture.CreateBuilder(options, silos: 2, serviceId).Build();
        await second.DeployAsync();
        try
        {
            foreach (var key in keys)
            {
                var grain = second.Client.GetGrain<IDurableNoteGrain>(key);
                Assert.Equal(["first", "second " + key], await grain.ReadAsync());
                // A write after the restart goes through the stored version, not a fresh insert.
                await grain.AppendAsync("third");
                Assert.Equal(3, (await grain.ReadAsync()).Count);
            }

            var cleared = second.Client.GetGrain<IDurableNoteGrain>(keys[0]);
            await cleared.ClearAsync();
            Assert.Empty(await cleared.ReadAsync());
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stored_state_names_its_CLR_type_not_its_alias()
    {
        var database = postgres.NewDatabase("type_names");
        var cluster = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.AdoNet, ConnectionString = database }, silos: 1,
            "names-" + Guid.NewGuid().ToString("N")[..8]).Build();
        await cluster.DeployAsync();
        try
        {
            await cluster.Client.GetGrain<IDurableNoteGrain>("named").AppendAsync("a line");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT payload FROM orleans_grain_state WHERE grain_type = 'note'", connection);
        var payload = Encoding.UTF8.GetString((byte[])(await read.ExecuteScalarAsync())!);

        // Why StoredStateTypeNamesTests pins the names of state types: [Alias] does not protect them here.
        Assert.Contains("\"$type\":\"Grains.Tests.Storage.DurableNote, Grains.Tests\"", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Tests.DurableNote\"", payload, StringComparison.Ordinal);
    }
}
