using Gateway.Http;
using Gateway.Http.OpenApi;
using System.Text;
using Gateway.Auth;
using Gateway.Limits;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Auth;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().WithBodyLimit(BodyLimits.Credentials)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests,
                StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/token", IssueToken)
            .RequireRateLimiting(RatePolicies.SignIn)
            .WithName("IssueToken")
            .WithExample(new CredentialsRequest("zhangsan", "correct horse battery"))
            .WithSummary("Signs in")
            .WithDescription("Exchanges username and password for a bearer token that every gateway accepts, valid while the account exists. Failed attempts are limited per address and per account (429 too_many_attempts with Retry-After).");
        return group;
    }

    private static async Task<Ok<TokenResponse>> IssueToken(CredentialsRequest request, IGrainFactory grains, AccountPasswords passwords, TokenIssuer tokens, AuthOptions options)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
            throw DomainException.Invalid(ErrorCodes.CredentialsRequired, "username and password are required.");
        if (Encoding.UTF8.GetByteCount(request.Password) > AccountNames.MaxPasswordBytes)
            throw DomainException.Invalid(ErrorCodes.PasswordTooLong, $"A password is at most {AccountNames.MaxPasswordBytes} bytes.");

        SignInTicket? ticket = null;
        IAccountGrain? grain = null;
        if (AccountNames.TryCanonicalize(request.Username, out _, out var userId))
        {
            grain = grains.GetGrain<IAccountGrain>(userId);
            ticket = await grain.BeginSignInAsync(new SignInLimit(options.FailedSignInsPerAccount, TimeSpan.FromSeconds(options.FailedSignInWindowSeconds)));
            if (ticket.RetryAfter is { } wait)
                throw DomainException.TooMany(ErrorCodes.TooManyAttempts, "Too many failed sign-ins for this account; wait before trying again.", wait);
        }

        var account = ticket?.Account;
        var check = passwords.Verify(account, request.Password);
        if (check == PasswordCheck.Wrong)
        {
            if (account is not null)
                await grain!.SignInFailedAsync();
            throw new DomainException(ErrorKind.Unauthenticated, ErrorCodes.InvalidCredentials, "Unknown username or wrong password.");
        }

        if (check == PasswordCheck.RightButRehash)
            await grain!.ReplacePasswordHashAsync(account!.PasswordHash, passwords.Hash(request.Password));
        var token = tokens.Issue(account!.UserId, account.Username, account.EffectiveStamp);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }
}
