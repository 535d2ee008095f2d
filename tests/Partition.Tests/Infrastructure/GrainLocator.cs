using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Partition.Tests.Infrastructure;

/// <summary>
/// An Orleans client of the test's own (on the cluster segment) that asks the management grain which silo hosts
/// which activation, so a scenario can put a split between two chain nodes.
/// </summary>
public sealed class GrainLocator : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainLocator(IHost host) => _host = host;

    public static async Task<GrainLocator> ConnectAsync(string connectionString, string clusterId, string serviceId)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                })
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                }))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync();
        return new GrainLocator(host);
    }

    /// <summary>The address of the silo hosting the activation whose key is <paramref name="key"/>, if there is one.</summary>
    public async Task<IPAddress?> SiloOfAsync(string key)
    {
        var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics();
        return activations.FirstOrDefault(a => a.GrainId.Key.ToString() == key)?.SiloAddress.Endpoint.Address;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
