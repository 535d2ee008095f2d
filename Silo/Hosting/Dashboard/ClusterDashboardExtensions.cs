using Microsoft.AspNetCore.Http;
using Orleans.Dashboard;
using Silo.Hosting.Settings;

namespace Silo.Hosting.Dashboard;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard): <c>AddDashboard</c> on the silo (or, to show a cluster whose
/// silos run it, on a client) and <c>MapOrleansDashboard</c> at <see cref="ClusterDashboardOptions.Path"/>.
/// </summary>
public static class ClusterDashboardExtensions
{
    /// <summary>
    /// Registers the <c>Dashboard</c> settings and says whether this host serves the dashboard: <c>Dashboard:Enabled</c>,
    /// else <paramref name="enabledByDefault"/>. The answer is kept in the settings, for <see cref="MapClusterDashboard"/>.
    /// </summary>
    public static bool AddDashboardSettings(this IHostApplicationBuilder builder, bool enabledByDefault)
    {
        var enabled = builder.Configuration.ReadSettings<ClusterDashboardOptions>(ClusterDashboardOptions.Section).Enabled ?? enabledByDefault;
        builder.Services.AddSettings<ClusterDashboardOptions>(ClusterDashboardOptions.Section);
        builder.Services.PostConfigure<ClusterDashboardOptions>(options => options.Enabled = enabled);
        return enabled;
    }

    /// <summary>Serves the dashboard when this host enabled it; its routes stay out of the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapClusterDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<ClusterDashboardOptions>().Enabled == true)
            endpoints.MapOrleansDashboard(ClusterDashboardOptions.Path).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Whether a request is for the dashboard (its routes are Orleans', not this API's).</summary>
    public static bool IsDashboardRequest(this HttpContext context) => context.Request.Path.StartsWithSegments(ClusterDashboardOptions.Path);
}
