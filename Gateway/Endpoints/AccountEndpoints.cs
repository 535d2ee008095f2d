using Gateway.Auth;
using Gateway.Endpoints.Requests;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/accounts").WithTags("Accounts");
        group.MapPost("/", CreateAccount)
            .RequireRateLimiting(AuthServiceCollectionExtensions.SignInPolicy)
            .WithName("CreateAccount")
            .WithSummary("Registers a username (3-32 letters, digits, _ or -) with a password of at least 8 characters.");
        return group;
    }

    private static async Task<Created<AccountView>> CreateAccount(CredentialsRequest request, IGrainFactory grains, AccountPasswords passwords)
    {
        if (!AccountNames.IsValidUsername(request.Username))
            throw DomainException.Invalid("username_invalid", "username must be 3-32 letters, digits, '_' or '-'.");
        if (request.Password is not { Length: >= AccountNames.MinPasswordLength and <= AccountNames.MaxPasswordLength })
            throw DomainException.Invalid("password_invalid", $"password must be {AccountNames.MinPasswordLength}-{AccountNames.MaxPasswordLength} characters.");

        var username = request.Username!;
        var account = await grains.GetGrain<IAccountGrain>(AccountNames.UserIdFor(username)).CreateAsync(username, passwords.Hash(request.Password));
        return TypedResults.Created($"/api/accounts/{account.UserId}", new AccountView(account.UserId, account.Username, account.CreatedAt));
    }
}
