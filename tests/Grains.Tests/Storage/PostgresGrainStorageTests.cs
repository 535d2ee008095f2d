using Grains.Tests.Infrastructure;
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
}
