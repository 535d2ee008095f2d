namespace Grains.Interfaces.Chat;

/// <summary>A gateway process's one observer, valid until <see cref="ExpiresAt"/> unless refreshed.</summary>
[GenerateSerializer, Immutable, Alias("Chat.GatewayRegistration")]
public sealed record GatewayRegistration(
    [property: Id(0)] string GatewayId,
    [property: Id(1)] ILiveGatewayObserver Observer,
    [property: Id(2)] DateTimeOffset ExpiresAt);
