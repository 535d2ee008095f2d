using Gateway.Auth;
using Gateway.Chain;
using Gateway.Chat;
using Gateway.Http;
using Gateway.Hosting;
using Gateway.Limits;
using Gateway.Live;
using Gateway.Payments;
using Gateway.Uploads;
using Gateway.Web;
using Silo.Hosting;
using Silo.Hosting.Settings;

if (HealthProbe.IsProbe(args))
    return HealthProbe.Run(args, Environment.GetEnvironmentVariable("PROBE_URL") ?? "http://localhost:5000");

var builder = WebApplication.CreateBuilder(EmbeddedEnvironment.Options(args));
builder.AddHostDefaults().UseDefaultUrl("http://localhost:5000");
builder.AddClusterConnection();
builder.Services.AddGatewayServices();
builder.AddChatAuthentication();
builder.AddGatewayLimits();
builder.Services.AddChatLive();
builder.Services.AddUploads();

var app = builder.Build();
if (app.ReportInvalidSettings())
    return SettingsReport.ExitCode;
app.UseGatewayPipeline();
app.UseWebClient();
app.UseChatAuthentication();
app.UseGatewayLimits();
app.UseRouteIdValidation();
app.MapGatewayEndpoints();
app.MapClusterEndpoints();
app.MapChainEndpoints();
app.MapWalletEndpoints();
app.MapTutorialEndpoints();
app.MapAccountEndpoints();
app.MapAuthEndpoints();
app.MapGroupEndpoints();
app.MapMyGroupsEndpoints();
app.MapMessageEndpoints();
app.MapUploadEndpoints();
app.MapLiveEndpoints();
app.MapWalletRoutes();
app.MapGroupPaymentRoutes();
app.Run();
return 0;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
