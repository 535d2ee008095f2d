using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Silo.Hosting.Settings;

namespace Gateway.Live;

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddChatLive(this IServiceCollection services)
    {
        services.AddSettings<LiveOptions>(LiveOptions.Section);
        // Kestrel's transport is created while the host is built, before bad settings are reported: read leniently.
        services.AddOptions<SocketTransportOptions>().Configure<IConfiguration>((transport, configuration) =>
            transport.UnsafePreferInlineScheduling |= configuration.ReadSettings<LiveOptions>(LiveOptions.Section).InlineSocketScheduling);
        services.AddSingleton<GatewayIdentity>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<LiveFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFlusher>());
        services.AddSingleton<LiveRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveRegistration>());
        services.AddHostedService<LiveShutdown>();
        return services;
    }
}
