using System.Security.Claims;
using Grains.Interfaces.Errors;

namespace Gateway.Auth;

public static class ChatClaims
{
    public const string UserId = "sub";
    public const string Username = "name";

    /// <summary>The account's security stamp: a token is only good while the account it was issued for exists.</summary>
    public const string Stamp = "stamp";

    public static string UserIdOf(this ClaimsPrincipal user) =>
        user.FindFirst(UserId)?.Value ?? throw new DomainException(ErrorKind.Unauthenticated, ErrorCodes.TokenInvalid, "The token names no user.");

    public static string UsernameOf(this ClaimsPrincipal user) => user.FindFirst(Username)?.Value ?? user.UserIdOf();

    public static string? StampOf(this ClaimsPrincipal user) => user.FindFirst(Stamp)?.Value;
}
