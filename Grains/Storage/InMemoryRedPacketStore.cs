using System.Collections.Concurrent;

namespace Grains.Storage;

/// <summary>The embedded twin of the claims table, with its two uniqueness rules.</summary>
public sealed class InMemoryRedPacketStore : IRedPacketStore
{
    private readonly ConcurrentDictionary<string, List<RedPacketClaim>> _claims = new(StringComparer.Ordinal);

    public Task AppendClaimsAsync(IReadOnlyList<RedPacketClaim> claims, CancellationToken cancellationToken = default)
    {
        foreach (var packet in claims.GroupBy(c => c.PacketId))
        {
            var stored = _claims.GetOrAdd(packet.Key, _ => []);
            lock (stored)
            {
                if (packet.Any(c => stored.Exists(s => s.Index == c.Index || s.UserId == c.UserId)) || packet.DistinctBy(c => c.UserId).Count() != packet.Count())
                    throw new InvalidOperationException($"red packet {packet.Key}: a claim index or user is already stored");
                stored.AddRange(packet);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RedPacketClaim>> LoadClaimsAsync(string packetId, CancellationToken cancellationToken = default)
    {
        if (!_claims.TryGetValue(packetId, out var stored))
            return Task.FromResult<IReadOnlyList<RedPacketClaim>>([]);
        lock (stored)
            return Task.FromResult<IReadOnlyList<RedPacketClaim>>([.. stored.OrderBy(c => c.Index)]);
    }
}
