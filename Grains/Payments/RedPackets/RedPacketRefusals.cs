using Grains.Interfaces.Errors;

namespace Grains.Payments.RedPackets;

/// <summary>How a red packet says no, in one place.</summary>
public static class RedPacketRefusals
{
    public static DomainException Exhausted() => DomainException.Conflict(ErrorCodes.PacketExhausted, "Every share of this red packet is taken.");

    public static DomainException Expired() => DomainException.Conflict(ErrorCodes.PacketExpired, "This red packet has expired; the rest went back to its sender.");

    public static DomainException NotOpen() => DomainException.Conflict(ErrorCodes.PacketNotOpen, "This red packet is not open: its funding is not confirmed (or was dropped).");

    public static DomainException AlreadyClaimed() => DomainException.Conflict(ErrorCodes.AlreadyClaimed, "You already have a share of this red packet.");

    public static DomainException NotFound() => DomainException.NotFound(ErrorCodes.PacketNotFound, "There is no such red packet in this group.");
}
