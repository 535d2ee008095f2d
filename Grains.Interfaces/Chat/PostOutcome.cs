namespace Grains.Interfaces.Chat;

/// <summary>Either the stored message (with its sequence) or, for a command, the private answer.</summary>
[GenerateSerializer, Immutable, Alias("Chat.PostOutcome")]
public sealed record PostOutcome(
    [property: Id(0)] ChatMessage? Message,
    [property: Id(1)] CommandReply? Reply);
