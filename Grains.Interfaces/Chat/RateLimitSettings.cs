namespace Grains.Interfaces.Chat;

/// <summary>
/// Per member: <see cref="Messages"/> per <see cref="PeriodSeconds"/> on average, with up to <see cref="Burst"/>
/// at once. <see cref="Messages"/> = 0 switches the limit off. Operators are exempt.
/// </summary>
[GenerateSerializer, Immutable, Alias("Chat.RateLimitSettings")]
public sealed record RateLimitSettings(
    [property: Id(0)] int Messages,
    [property: Id(1)] int PeriodSeconds,
    [property: Id(2)] int Burst)
{
    public static RateLimitSettings Default { get; } = new(1, 5, 3);

    public static RateLimitSettings Off { get; } = new(0, 1, 1);

    /// <summary>A method, not a property, so it is not part of the JSON a client sees.</summary>
    public bool IsEnabled() => Messages > 0;
}
