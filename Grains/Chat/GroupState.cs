using Grains.Interfaces.Chat;

namespace Grains.Chat;

/// <summary>A group's persisted state: small and bounded (members live in the shards' rows).</summary>
[GenerateSerializer, Alias("Chat.GroupState")]
public sealed class GroupState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string OwnerId { get; set; } = string.Empty;
    [Id(2)] public HashSet<string> Operators { get; set; } = new(StringComparer.Ordinal);
    // No initializer: the ADO.NET storage's JSON serializer fills constructor arguments it did not write
    // (default values are omitted) from an existing instance, which turned a rate limit of 0 into 1.
    [Id(3)] public GroupSettings Settings { get; set; } = null!;
    [Id(4)] public int ShardCount { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Payments to join: the pending ones and the most recent settled ones (the chain has them all).</summary>
    [Id(6)] public List<Payments.JoinPayment> JoinPayments { get; set; } = [];

    /// <summary>The most recent tips (a tip is also a system message in the history).</summary>
    [Id(7)] public List<TipView> Tips { get; set; } = [];
}
