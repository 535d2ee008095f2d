using Gateway.Auth;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Live;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterConnection();
builder.Services.AddGatewayServices();
builder.AddChatAuthentication();
builder.Services.AddChatLive();

var app = builder.Build();
app.UseGatewayPipeline();
app.UseChatAuthentication();
app.MapGatewayEndpoints();
app.MapClusterEndpoints();
app.MapAccountEndpoints();
app.MapAuthEndpoints();
app.MapGroupEndpoints();
app.MapMessageEndpoints();
app.MapLiveEndpoints();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
