namespace Grains.Interfaces.Payments;

/// <summary>What a member asks for when sending a red packet: units in total, how many shares, how split, for how long.</summary>
[GenerateSerializer, Immutable, Alias("Payments.RedPacketOrder")]
public sealed record RedPacketOrder(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string SenderId,
    [property: Id(2)] string SenderName,
    [property: Id(3)] long Total,
    [property: Id(4)] int Count,
    [property: Id(5)] RedPacketMode Mode,
    [property: Id(6)] string Greeting,
    [property: Id(7)] TimeSpan ExpiresIn,
    [property: Id(8)] string ClientId);
