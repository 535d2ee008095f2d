namespace Grains.Interfaces.Payments;

/// <summary>How a red packet's total is split among its shares.</summary>
[GenerateSerializer, Alias("Payments.RedPacketMode")]
public enum RedPacketMode
{
    /// <summary>"Lucky money": shares drawn by the double-average rule from a seed fixed at creation.</summary>
    Random = 0,

    /// <summary>Every share the same (the first ones one unit more when the total does not divide).</summary>
    Equal = 1,
}
