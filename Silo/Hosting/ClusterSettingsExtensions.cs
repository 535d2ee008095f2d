using Grains.Chain;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>The settings sections a silo (and a gateway) needs; each registers once however many features ask.</summary>
public static class ClusterSettingsExtensions
{
    public static IServiceCollection AddClusterSettings(this IServiceCollection services)
    {
        services.AddSettings<ClusterHostOptions>(ClusterHostOptions.Section).AddRules<ClusterRules>();
        return services;
    }

    public static IServiceCollection AddChainSettings(this IServiceCollection services)
    {
        // ChainOptions lives with the grains; its regular expressions are worded here for people.
        services.AddSettings<ChainOptions>(ChainOptions.Section)
            .Describe(nameof(ChainOptions.InitialBits), ChainRules.CompactTargetText)
            .Describe(nameof(ChainOptions.NetworkId), "1 to 64 printable ASCII characters without spaces")
            .Describe(nameof(ChainOptions.DefaultNode), "a node id: 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit")
            .AddRules<ChainRules>();
        return services;
    }
}
