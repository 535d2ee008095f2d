namespace Grains.Chat.Posting;

/// <summary>Allowed, or refused with how long until one token is back.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateDecision Allow { get; } = new(true, TimeSpan.Zero);
}
