namespace Silo.Hosting.Banner;

/// <summary>Registers a host's <see cref="StartupBanner"/>.</summary>
public static class StartupBannerExtensions
{
    /// <summary>Logs the host's one start-up line, described by <paramref name="summarize"/>, once it listens.</summary>
    public static IServiceCollection AddStartupBanner(this IServiceCollection services, Func<IServiceProvider, HostSummary> summarize) =>
        services.AddHostedService(sp => new StartupBanner(sp, summarize));
}
