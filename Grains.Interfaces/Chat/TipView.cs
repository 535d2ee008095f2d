namespace Grains.Interfaces.Chat;

/// <summary>A tip on a message: who paid whom how many units, and how far its transaction is confirmed.</summary>
[GenerateSerializer, Immutable, Alias("Chat.TipView")]
public sealed record TipView(
    [property: Id(0)] long Seq,
    [property: Id(1)] string TipperId,
    [property: Id(2)] string TipperName,
    [property: Id(3)] string AuthorId,
    [property: Id(4)] long Amount,
    [property: Id(5)] string TransactionId,
    [property: Id(6)] long Confirmations,
    [property: Id(7)] DateTimeOffset At);
