using Gateway.Endpoints;
using Gateway.Hosting;
using Silo.Hosting;

if (HealthProbe.IsProbe(args))
    return HealthProbe.Run(args, Environment.GetEnvironmentVariable("PROBE_URL") ?? "http://localhost:5000");

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults().UseDefaultUrl("http://localhost:5000");
builder.AddClusterConnection();
builder.Services.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapGatewayEndpoints();
app.MapClusterEndpoints();
app.MapChainEndpoints();
app.MapWalletEndpoints();
app.MapTutorialEndpoints();
app.Run();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
