using Gateway.Auth;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces.Accounts;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Gateway.Tests.Payments;

/// <summary>
/// The embedded gateway for payment tests: the payments node mines with a short pause between blocks, the faucet gives
/// 20 coins, and users can be made straight through the account grain (a real account and a real token, without the
/// password hash) so a test can have a thousand of them.
/// </summary>
public sealed class PaymentsGatewayFactory : ChatGatewayFactory
{
    public const long FaucetAmount = 20 * UnitsPerCoin;
    public const long UnitsPerCoin = 100_000_000;

    public PaymentsGatewayFactory()
    {
        With("Chain:ContinuousMiningPauseMs", "100");
        With("Wallet:FaucetAmount", FaucetAmount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A new account and a client that carries its token.</summary>
    public async Task<ChatApi> UserAsync(string? username = null)
    {
        username ??= TestUsers.NewName("p");
        Assert.True(AccountNames.TryCanonicalize(username, out var canonical, out var userId));
        var account = await Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(userId).CreateAsync(canonical, "not-a-password-hash");
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Services.GetRequiredService<TokenIssuer>().Issue(account.UserId, account.Username, account.EffectiveStamp));
        return new ChatApi(http, account.Username);
    }
}

/// <summary>One payments gateway for every payment test class: one miner, not one per class fighting for two cores.</summary>
[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsGatewayFactory>
{
    public const string Name = "payments";
}
