using Gateway.Endpoints;
using Gateway.Hosting;
using Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrl("http://localhost:5000");
builder.AddClusterConnection();
builder.Services.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapGatewayEndpoints();
app.MapClusterEndpoints();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
