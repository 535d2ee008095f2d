using Grains.Interfaces.Payments;

namespace Gateway.Payments;

/// <summary>Body of <c>POST /api/groups/{id}/red-packets</c>: total in units, share count, split mode, greeting, lifetime (default 24 h).</summary>
public sealed record RedPacketRequest(long? Total, int? Count, RedPacketMode? Mode, string? Greeting, string? ClientId, int? ExpiresInSeconds);
