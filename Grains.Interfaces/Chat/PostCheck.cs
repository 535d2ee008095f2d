namespace Grains.Interfaces.Chat;

/// <summary>A shard's verdict on whether a member may post now.</summary>
[GenerateSerializer, Immutable, Alias("Chat.PostCheck")]
public sealed record PostCheck(
    [property: Id(0)] PostVerdict Verdict,
    [property: Id(1)] string? Username,
    [property: Id(2)] string? Role,
    [property: Id(3)] TimeSpan RetryAfter);
