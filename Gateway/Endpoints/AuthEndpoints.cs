using Gateway.Auth;
using Gateway.Endpoints.Requests;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Endpoints;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueToken)
            .RequireRateLimiting(AuthServiceCollectionExtensions.SignInPolicy)
            .WithName("IssueToken")
            .WithSummary("Exchanges username and password for a bearer token accepted by every gateway.");
        return group;
    }

    private static async Task<Ok<TokenResponse>> IssueToken(CredentialsRequest request, IGrainFactory grains, AccountPasswords passwords, TokenIssuer tokens)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
            throw DomainException.Invalid("credentials_required", "username and password are required.");

        var account = AccountNames.IsValidUsername(request.Username)
            ? await grains.GetGrain<IAccountGrain>(AccountNames.UserIdFor(request.Username)).GetAsync()
            : null;
        if (!passwords.Verify(account, request.Password))
            throw new DomainException(ErrorKind.Unauthenticated, "invalid_credentials", "Unknown username or wrong password.");

        var token = tokens.Issue(account!.UserId, account.Username);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }
}
