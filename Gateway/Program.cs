using Gateway.Endpoints;
using Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
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

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
