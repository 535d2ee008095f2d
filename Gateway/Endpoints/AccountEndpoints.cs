using Gateway.Routing;
using Gateway.Auth;
using Gateway.Limits;
using Gateway.Endpoints.Requests;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/accounts").WithTags("Accounts").WithBodyLimit(BodyLimits.Credentials);
        group.MapPost("/", CreateAccount)
            .RequireRateLimiting(RatePolicies.SignIn)
            .WithName("CreateAccount")
            .WithSummary("Registers a username (3-32 letters, digits, _ or -; unique ignoring case and look-alikes) with a password of at least 8 characters.");
        return group;
    }

    private static async Task<Created<AccountView>> CreateAccount(CredentialsRequest request, IGrainFactory grains, AccountPasswords passwords, ReservedNames reserved)
    {
        if (!AccountNames.TryCanonicalize(request.Username, out var username, out var userId))
            throw DomainException.Invalid("username_invalid", $"username must be {AccountNames.Rule} (after Unicode NFKC normalisation).");
        if (request.Password is not { Length: >= AccountNames.MinPasswordLength and <= AccountNames.MaxPasswordLength })
            throw DomainException.Invalid("password_invalid", $"password must be {AccountNames.MinPasswordLength}-{AccountNames.MaxPasswordLength} characters.");
        if (reserved.Contains(userId))
            throw DomainException.Conflict("username_reserved", $"The username {username} is reserved.");

        var account = await grains.GetGrain<IAccountGrain>(userId).CreateAsync(username, passwords.Hash(request.Password));
        return TypedResults.Created(ResourcePaths.Account(account.UserId), new AccountView(account.UserId, account.Username, account.CreatedAt));
    }
}
