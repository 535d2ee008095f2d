namespace Grains.Interfaces.Chat;

[GenerateSerializer, Immutable, Alias("Chat.MemberView")]
public sealed record MemberView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Role,
    [property: Id(3)] bool Subscribed,
    [property: Id(4)] DateTimeOffset JoinedAt,
    [property: Id(5)] long LastReadSeq);
