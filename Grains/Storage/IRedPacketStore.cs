namespace Grains.Storage;

/// <summary>Red-packet claims, append-only: a claim is stored before its share is paid or even answered.</summary>
public interface IRedPacketStore
{
    /// <summary>Stores the claims in one write; throws when an index or a user is taken (nothing of the batch is stored then).</summary>
    Task AppendClaimsAsync(IReadOnlyList<RedPacketClaim> claims, CancellationToken cancellationToken = default);

    /// <summary>A packet's claims in index order.</summary>
    Task<IReadOnlyList<RedPacketClaim>> LoadClaimsAsync(string packetId, CancellationToken cancellationToken = default);
}
