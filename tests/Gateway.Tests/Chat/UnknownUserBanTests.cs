using System.Net;
using Gateway.Tests.Chain;
using Gateway.Tests.Chat;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Chat;

/// <summary>A ban names a username; a name with no account behind it is 404, not a ban kept for nobody.</summary>
public sealed class UnknownUserBanTests(FastHashGatewayFactory factory) : IClassFixture<FastHashGatewayFactory>
{
    [Fact]
    public async Task Banning_a_username_without_an_account_is_404_user_not_found()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var group = await owner.CreateGroupAsync();

        var response = await owner.Http.PutAsync($"/api/groups/{group}/bans/nobody-{HardeningNames.Suffix()}", null);

        await response.ProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Banning_an_existing_account_by_name_is_204()
    {
        var owner = await ChatApi.SignUpAsync(factory.CreateClient);
        var other = await ChatApi.SignUpAsync(factory.CreateClient);
        var group = await owner.CreateGroupAsync();

        var response = await owner.Http.PutAsync($"/api/groups/{group}/bans/{other.Username}", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
