namespace Grains.Interfaces.Accounts;

/// <summary>
/// What a sign-in attempt may check: the account (null when there is none), or, when the account has seen too
/// many failed attempts lately, how long to wait before trying again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Accounts.SignInTicket")]
public sealed record SignInTicket(
    [property: Id(0)] AccountRecord? Account,
    [property: Id(1)] TimeSpan? RetryAfter);
