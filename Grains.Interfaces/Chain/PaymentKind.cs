namespace Grains.Interfaces.Chain;

/// <summary>What a payment in chat pays for; each kind has one memo format (see <see cref="PaymentMemo"/>).</summary>
public enum PaymentKind
{
    /// <summary><c>join:{groupId}:{user}</c>: a user pays to join a group.</summary>
    Join,

    /// <summary><c>packet:{packetId}</c>: the sender funds a red packet's escrow.</summary>
    Packet,

    /// <summary><c>payout:{packetId}:{user}</c>: the escrow pays one share of a red packet.</summary>
    Payout,

    /// <summary><c>refund:{reference}</c>: a payment or an expired packet is paid back.</summary>
    Refund,

    /// <summary><c>tip:{groupId}:{seq}:{user}</c>: a tip on a group's message.</summary>
    Tip,

    /// <summary><c>faucet:{user}</c>: coins from the faucet.</summary>
    Faucet,
}
