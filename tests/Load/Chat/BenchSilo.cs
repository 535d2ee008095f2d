using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Silo.Hosting;
using TestSupport;

namespace Load.Chat;

/// <summary>A silo in this process with the real host wiring, on PostgreSQL (grain state and the chat tables).</summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string connectionString)
    {
        var options = new ClusterHostOptions
        {
            Membership = ClusteringMode.Localhost,
            Storage = StorageMode.AdoNet,
            ConnectionString = connectionString,
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            ClusterId = "bench",
            ServiceId = "bench",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.ConfigureClusterSilo(options));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
