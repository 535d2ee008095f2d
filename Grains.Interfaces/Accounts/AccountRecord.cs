namespace Grains.Interfaces.Accounts;

/// <summary>A registered account. <see cref="PasswordHash"/> is a salted slow hash, never the password.</summary>
[GenerateSerializer, Immutable, Alias("Accounts.AccountRecord")]
public sealed record AccountRecord(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] DateTimeOffset CreatedAt);
