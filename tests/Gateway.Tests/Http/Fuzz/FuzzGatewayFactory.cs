using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Http.Fuzz;

/// <summary>
/// The embedded gateway with every rate and quota set so high that the fuzzer tests input handling, not limits; a
/// known signing key (to forge tokens that must still be refused); coinbase rewards spendable after one block; and the
/// server's errors kept in <see cref="ServerLog"/>.
/// </summary>
public sealed class FuzzGatewayFactory : EmbeddedGatewayFactory
{
    public const string SigningKey = "fuzz-gateway-tests-signing-key-0123456789";

    public FuzzGatewayFactory()
    {
        With("Auth:SigningKey", SigningKey);
        With("Auth:AttemptsPerMinute", "1000000");
        With("Auth:FailedSignInsPerAccount", "1000000");
        With("Auth:PasswordHashIterations", "1000");
        With("Limits:MineRequestsPerMinute", "1000000");
        With("Limits:GroupCreationsPerMinute", "1000000");
        With("Limits:AnonymousNodesPerHour", "1000000");
        With("Limits:GroupsPerAccount", "1000000");
        With("Limits:NodesPerAccount", "1000000");
        With("Chain:CoinbaseMaturity", "1");
    }

    public ServerErrorLog ServerLog { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(ServerLog));
    }
}
