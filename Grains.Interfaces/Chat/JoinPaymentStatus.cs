namespace Grains.Interfaces.Chat;

/// <summary>Where a payment to join a group stands.</summary>
[GenerateSerializer, Alias("Chat.JoinPaymentStatus")]
public enum JoinPaymentStatus
{
    /// <summary>Sent, waiting for its confirmations; the payer is not a member yet.</summary>
    Pending = 0,

    /// <summary>Confirmed; the payer was admitted (and stays a member whatever happens to the chain later).</summary>
    Admitted = 1,

    /// <summary>The chain dropped it before it was confirmed: nobody was admitted, nothing was paid.</summary>
    Failed = 2,

    /// <summary>A second payment by someone already admitted (or pending), paid back.</summary>
    Refunded = 3,

    /// <summary>A second payment that the service is paying back from the group's wallet (until the refund is sent).</summary>
    Refunding = 4,

    /// <summary>A second payment to a treasury that is not the group's own wallet: the owner holds that key and owes the refund.</summary>
    RefundOwed = 5,
}
