using Grains.Chat.Members;

namespace Grains.Chat.Delivery;

/// <summary>
/// Whom a shard pushes messages to: its subscribed members with a live connection, by gateway. A member with tabs
/// on several gateways is listed under each; one who unsubscribes stays connected (private notes still reach
/// them) but leaves the lists. Each gateway's recipient array is built once and reused until that gateway's set
/// changes, because fan-out sends the same array with every batch.
/// </summary>
internal sealed class LiveRecipients
{
    private readonly Dictionary<string, HashSet<string>> _byGateway = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Recipients, long Stamp)> _arrays = new(StringComparer.Ordinal);

    /// <summary>Recipients over all gateways (a member on two gateways counts twice).</summary>
    public int Count { get; private set; }

    public IEnumerable<string> Gateways => _byGateway.Keys;

    /// <summary>A member's connections on a gateway opened or all closed; false when that changes nothing.</summary>
    public bool SetPresence(string userId, MemberSlot slot, string gatewayId, bool online)
    {
        var gateways = slot.Gateways ?? [];
        if (gateways.Contains(gatewayId) == online)
            return false;
        slot.Gateways = online ? [.. gateways, gatewayId] : Without(gateways, gatewayId);
        if (slot.Subscribed)
            Set(gatewayId, userId, online);
        return true;
    }

    /// <summary>After a member's subscription changed: their open connections start or stop receiving.</summary>
    public void SubscriptionChanged(string userId, MemberSlot slot)
    {
        foreach (var gatewayId in slot.Gateways ?? [])
            Set(gatewayId, userId, slot.Subscribed);
    }

    /// <summary>A member left or was removed.</summary>
    public void Drop(string userId, MemberSlot slot)
    {
        if (!slot.Subscribed)
            return;
        foreach (var gatewayId in slot.Gateways ?? [])
            Set(gatewayId, userId, false);
    }

    /// <summary>A gateway is gone (its registration expired): its members are offline there.</summary>
    public void DropGateway(string gatewayId, Func<string, MemberSlot?> slotOf)
    {
        if (!_byGateway.TryGetValue(gatewayId, out var users))
            return;
        foreach (var userId in users.ToArray())
        {
            if (slotOf(userId) is { Gateways: { } gateways } slot)
                slot.Gateways = Without(gateways, gatewayId);
            Set(gatewayId, userId, false);
        }
    }

    /// <summary>
    /// Each gateway with its recipients and their stamp: a random non-zero number drawn whenever the array is rebuilt,
    /// so a gateway that cached what an array resolved to knows, from the stamp alone, that it still holds (random
    /// rather than counted, so a reactivated shard cannot repeat an earlier stamp).
    /// </summary>
    public IEnumerable<(string GatewayId, string[] Recipients, long Stamp)> Batches()
    {
        foreach (var (gatewayId, users) in _byGateway)
        {
            if (!_arrays.TryGetValue(gatewayId, out var entry))
                _arrays[gatewayId] = entry = ([.. users], Random.Shared.NextInt64(1, long.MaxValue));
            yield return (gatewayId, entry.Recipients, entry.Stamp);
        }
    }

    private void Set(string gatewayId, string userId, bool online)
    {
        if (online)
        {
            if (!_byGateway.TryGetValue(gatewayId, out var users))
                _byGateway[gatewayId] = users = new HashSet<string>(StringComparer.Ordinal);
            if (!users.Add(userId))
                return;
            Count++;
        }
        else
        {
            if (!_byGateway.TryGetValue(gatewayId, out var users) || !users.Remove(userId))
                return;
            Count--;
            if (users.Count == 0)
                _byGateway.Remove(gatewayId);
        }

        _arrays.Remove(gatewayId);
    }

    private static string[]? Without(string[] gateways, string gatewayId) =>
        gateways.Where(g => g != gatewayId).ToArray() is { Length: > 0 } rest ? rest : null;
}
