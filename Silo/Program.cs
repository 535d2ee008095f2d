using Silo.Health;
using Silo.Hosting;
using Silo.Hosting.Banner;
using Silo.Hosting.Dashboard;
using Silo.Hosting.Settings;

if (HealthProbe.IsProbe(args))
    return HealthProbe.Run(args, Environment.GetEnvironmentVariable("PROBE_URL") ?? "http://127.0.0.1:8081");

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults().UseDefaultUrl("http://127.0.0.1:8081");
builder.AddClusterSilo(dashboardByDefault: false);
builder.Services.AddHealthChecks().AddCheck<SiloReadyHealthCheck>("silo-membership", tags: [HealthEndpointExtensions.ReadyTag]);
builder.Services.AddStartupBanner(services => new HostSummary(services.GetRequiredService<ClusterHostOptions>().Describe(), []));

var app = builder.Build();
if (app.ReportInvalidSettings())
    return SettingsReport.ExitCode;
app.MapHealthEndpoints();
app.MapClusterDashboard();
app.Run();
return 0;
