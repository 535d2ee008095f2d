using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
