namespace Grains.Interfaces.Payments;

/// <summary>Where a red packet stands.</summary>
[GenerateSerializer, Alias("Payments.RedPacketStatus")]
public enum RedPacketStatus
{
    /// <summary>The sender's payment to the escrow is waiting for its confirmations; nobody can claim yet.</summary>
    Funding = 0,

    /// <summary>Announced in the group; members claim shares.</summary>
    Open = 1,

    /// <summary>Every share was claimed.</summary>
    Finished = 2,

    /// <summary>It expired; what nobody claimed went back to the sender.</summary>
    Expired = 3,

    /// <summary>The funding payment was dropped by the chain before it confirmed: nothing was paid, nothing can be claimed.</summary>
    Failed = 4,
}
