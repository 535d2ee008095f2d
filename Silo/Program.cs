using Silo.Health;
using Silo.Hosting;
using Silo.Hosting.Banner;
using Silo.Hosting.Dashboard;
using Silo.Hosting.Settings;

if (HealthProbe.IsProbe(args))
    return HealthProbe.Run(args, Environment.GetEnvironmentVariable("PROBE_URL") ?? "http://127.0.0.1:8081");

// One silo at a time; when the cluster declares this one dead (a partition), a fresh one takes its place.
var rejoin = new SiloRejoin();
for (var attempt = 0; ; attempt++)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddHostDefaults().UseDefaultUrl("http://127.0.0.1:8081");
    builder.AddClusterSilo(dashboardByDefault: false, rejoin);
    builder.Services.AddHealthChecks().AddCheck<SiloReadyHealthCheck>("silo-membership", tags: [HealthEndpointExtensions.ReadyTag]);
    builder.Services.AddStartupBanner(services => new HostSummary(services.GetRequiredService<ClusterHostOptions>().Describe(), []));

    await using var app = builder.Build();
    if (app.ReportInvalidSettings())
        return SettingsReport.ExitCode;
    app.MapHealthEndpoints();
    app.MapClusterDashboard();
    try
    {
        await app.RunAsync();
    }
    catch (Exception ex) when (attempt > 0)
    {
        // A fresh silo that could not start (the cluster is still out of reach, the old ports not yet free): try again.
        app.Logger.LogWarning(ex, "The new silo could not start; trying again in 5 s");
        rejoin.Request();
        await Task.Delay(TimeSpan.FromSeconds(5));
    }

    if (!rejoin.TakeRequest())
        return 0;
}
