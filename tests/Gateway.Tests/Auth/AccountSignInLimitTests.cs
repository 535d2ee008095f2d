using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Chain;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Auth;

/// <summary>
/// Failed sign-ins are also counted per account (in its grain, so across gateways): once the limit is reached the
/// account refuses even the right password for a while, whatever address the attempts come from; other accounts
/// are not affected.
/// </summary>
public sealed class AccountSignInLimitTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task After_three_failed_sign_ins_even_the_right_password_is_429_too_many_attempts_for_that_account_only()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Auth:FailedSignInsPerAccount", "3");
        var http = factory.CreateClient();
        var victim = "victim" + HardeningNames.Suffix();
        var bystander = "bystander" + HardeningNames.Suffix();
        foreach (var username in new[] { victim, bystander })
            await (await http.PostAsJsonAsync("/api/accounts", new { username, password = Password })).JsonAsync(HttpStatusCode.Created);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await (await http.PostAsJsonAsync("/api/auth/token", new { username = victim, password = $"wrong password {attempt}" }))
                .ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var blocked = await http.PostAsJsonAsync("/api/auth/token", new { username = victim, password = Password });
        await blocked.ProblemAsync(HttpStatusCode.TooManyRequests, "too_many_attempts");
        var retryAfter = blocked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300));

        // Same client, another account: unaffected.
        await (await http.PostAsJsonAsync("/api/auth/token", new { username = bystander, password = Password })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_sign_ins_below_the_limit_do_not_block_the_right_password()
    {
        await using var factory = new FastHashGatewayFactory();
        factory.With("Auth:FailedSignInsPerAccount", "3");
        var http = factory.CreateClient();
        var username = "user" + HardeningNames.Suffix();
        await (await http.PostAsJsonAsync("/api/accounts", new { username, password = Password })).JsonAsync(HttpStatusCode.Created);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = $"wrong password {attempt}" }))
                .ProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await (await http.PostAsJsonAsync("/api/auth/token", new { username, password = Password })).JsonAsync(HttpStatusCode.OK);
    }
}
