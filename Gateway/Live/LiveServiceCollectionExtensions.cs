namespace Gateway.Live;

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddChatLive(this IServiceCollection services)
    {
        services.AddSingleton<GatewayIdentity>();
        services.AddSingleton<LiveHub>();
        services.AddSingleton<LiveRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveRegistration>());
        return services;
    }
}
