namespace Grains.Chain.Peers;

/// <summary>
/// Strikes against peers that send invalid data; at the threshold a peer is ignored for a while.
/// Held in memory: a restart forgives, which only costs a few more refusals.
/// </summary>
public sealed class PeerBook(int threshold, TimeSpan banFor)
{
    private readonly Dictionary<string, (int Strikes, DateTimeOffset? Until)> _records = new(StringComparer.Ordinal);

    public bool IsIgnored(string peer, DateTimeOffset now) =>
        _records.TryGetValue(peer, out var record) && record.Until is { } until && until > now;

    /// <summary>Counts one invalid message; true when this strike starts a ban.</summary>
    public bool Strike(string peer, DateTimeOffset now)
    {
        var record = _records.GetValueOrDefault(peer);
        if (record.Until is { } until && until <= now)
            record = default;
        record.Strikes++;
        var banned = record.Strikes >= threshold && record.Until is null;
        if (banned)
            record.Until = now + banFor;
        _records[peer] = record;
        return banned;
    }

    public (int Strikes, DateTimeOffset? Until) RecordOf(string peer, DateTimeOffset now)
    {
        var record = _records.GetValueOrDefault(peer);
        return record.Until is { } until && until <= now ? default : record;
    }
}
