namespace Grains.Chat.Posting;

/// <summary>The state of one member's bucket: tokens left at <see cref="At"/>. A value type, kept per member.</summary>
public record struct TokenBucket(double Tokens, DateTimeOffset At);
