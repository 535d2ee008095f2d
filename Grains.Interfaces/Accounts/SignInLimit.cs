namespace Grains.Interfaces.Accounts;

/// <summary>At most <see cref="MaxFailures"/> failed sign-ins per account within <see cref="Window"/>.</summary>
[GenerateSerializer, Immutable, Alias("Accounts.SignInLimit")]
public sealed record SignInLimit(
    [property: Id(0)] int MaxFailures,
    [property: Id(1)] TimeSpan Window);
