namespace Grains.Interfaces.Accounts;

/// <summary>
/// A registered account. <see cref="PasswordHash"/> is a salted slow hash, never the password. <see cref="Stamp"/>
/// is carried by every token issued for the account, so a token outlives neither the account nor a new account
/// that reuses the name.
/// </summary>
[GenerateSerializer, Immutable, Alias("Accounts.AccountRecord")]
public sealed record AccountRecord(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? Stamp = null)
{
    /// <summary>The stamp tokens must carry (accounts stored before stamps existed use their creation time).</summary>
    public string EffectiveStamp => string.IsNullOrEmpty(Stamp) ? CreatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) : Stamp;
}
