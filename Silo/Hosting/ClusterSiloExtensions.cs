namespace Silo.Hosting;

public static class ClusterSiloExtensions
{
    /// <summary>
    /// Hosts a silo in this process, configured from the <c>Cluster</c> and <c>Chain</c> settings: the Silo host,
    /// and the Gateway in embedded mode.
    /// </summary>
    public static WebApplicationBuilder AddClusterSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddClusterSettings();
        var options = ClusterHostOptions.Read(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigureClusterSilo(options));
        return builder;
    }
}
