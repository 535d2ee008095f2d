namespace Grains.Payments.RedPackets;

/// <summary>Bounds of a red packet's own texts.</summary>
public static class RedPacketLimits
{
    public const int MaxGreeting = 200;
}
