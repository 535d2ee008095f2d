using Gateway.Http;
using Gateway.Http.OpenApi;
using Gateway.Auth;
using Gateway.Limits;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Auth;

public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/accounts").WithTags("Accounts").AllowAnonymous().WithBodyLimit(BodyLimits.Credentials)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/", CreateAccount)
            .RequireRateLimiting(RatePolicies.SignIn)
            .WithName("CreateAccount")
            .WithExample(new CredentialsRequest("zhangsan", "correct horse battery"))
            .WithSummary("Signs up")
            .WithDescription("A username of 3-32 letters (any script), digits, _ or -, taken in NFKC form and unique ignoring case (409 username_taken); a look-alike of an existing name is 409 username_confusable. Passwords are 8-256 characters.");
        return group;
    }

    private static async Task<Created<AccountView>> CreateAccount(CredentialsRequest request, IGrainFactory grains, AccountPasswords passwords, ReservedNames reserved)
    {
        if (!AccountNames.TryCanonicalize(request.Username, out var username, out var userId))
            throw DomainException.Invalid(ErrorCodes.UsernameInvalid, $"username must be {AccountNames.Rule} (after Unicode NFKC normalisation).");
        if (request.Password is not { Length: >= AccountNames.MinPasswordLength and <= AccountNames.MaxPasswordLength })
            throw DomainException.Invalid(ErrorCodes.PasswordInvalid, $"password must be {AccountNames.MinPasswordLength}-{AccountNames.MaxPasswordLength} characters.");
        if (reserved.Contains(userId))
            throw DomainException.Conflict(ErrorCodes.UsernameReserved, $"The username {username} is reserved.");

        var account = await grains.GetGrain<IAccountGrain>(userId).CreateAsync(username, passwords.Hash(request.Password));
        return TypedResults.Created(ResourcePaths.Account(account.UserId), new AccountView(account.UserId, account.Username, account.CreatedAt));
    }
}
