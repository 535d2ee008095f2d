using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Load.Chat;

/// <summary>An Orleans client host for a benchmark's set-up calls into an embedded gateway's silo (cluster "bench").</summary>
internal static class BenchClient
{
    public static IHost Start(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, "bench", "bench"));
        return builder.Build();
    }
}

/// <summary>
/// The real Gateway process in embedded mode (cluster "bench", the benchmarks' token signing key, warnings only) with
/// <paramref name="settings"/> on top, and an Orleans client connected to its silo for set-up calls.
/// </summary>
internal sealed class BenchGateway(HostProcess process, IHost client) : IAsyncDisposable
{
    public HostProcess Process { get; } = process;
    public IHost Client { get; } = client;
    public IClusterClient Grains => Client.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchGateway> StartAsync(IDictionary<string, string>? settings = null)
    {
        int httpPort = FreePort.Next(), siloPort = FreePort.Next(), gatewayPort = FreePort.Next();
        var all = new Dictionary<string, string>
        {
            ["Gateway__Mode"] = "Embedded",
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__ClusterId"] = "bench",
            ["Cluster__ServiceId"] = "bench",
            ["Auth__SigningKey"] = BenchTokens.SigningKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;

        var process = HostProcess.Start("Gateway", httpPort, all);
        IHost? client = null;
        try
        {
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"gateway pid {process.Id} ready at {process.HttpAddress}");
            client = BenchClient.Start(gatewayPort);
            await client.StartAsync();
            return new BenchGateway(process, client);
        }
        catch
        {
            // Nobody else holds them yet: a gateway that never got ready must not outlive the benchmark.
            client?.Dispose();
            process.Dispose();
            throw;
        }
    }

    private bool _clientStopped;

    /// <summary>Disconnects the set-up client (before the gateway is stopped early); disposing does it otherwise.</summary>
    public async Task StopClientAsync()
    {
        if (_clientStopped)
            return;
        _clientStopped = true;
        await Client.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopClientAsync();
        Client.Dispose();
        Process.Dispose();
    }
}
