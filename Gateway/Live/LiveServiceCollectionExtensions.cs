using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Live;

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddChatLive(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = new LiveOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(LiveOptions.Section).Bind(options);
            return options;
        });
        services.AddSingleton<IConfigureOptions<SocketTransportOptions>>(sp => new ConfigureOptions<SocketTransportOptions>(
            transport => transport.UnsafePreferInlineScheduling |= sp.GetRequiredService<LiveOptions>().InlineSocketScheduling));
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
