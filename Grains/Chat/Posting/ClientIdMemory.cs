using Grains.Interfaces.Chat;

namespace Grains.Chat.Posting;

/// <summary>
/// The first result of each (sender, client id) among a group's most recent posts, so that a retried post,
/// even one sent again while the first is still being stored, answers with the first one's message. Bounded:
/// the oldest are forgotten first, and the store still refuses a duplicate it holds, so forgetting costs a
/// store round trip, never a second copy.
/// </summary>
public sealed class ClientIdMemory(int capacity)
{
    private readonly Dictionary<(string Sender, string ClientId), Task<ChatMessage>> _results = [];
    private readonly Queue<(string Sender, string ClientId)> _order = new();

    public int Count => _results.Count;

    public bool TryGet(string sender, string clientId, out Task<ChatMessage> first) =>
        _results.TryGetValue((sender, clientId), out first!);

    public void Remember(string sender, string clientId, Task<ChatMessage> result)
    {
        _results[(sender, clientId)] = result;
        _order.Enqueue((sender, clientId));
        while (_order.Count > capacity)
            _results.Remove(_order.Dequeue());
    }

    /// <summary>A post that failed is forgotten, so its retry is tried afresh.</summary>
    public void Forget(string sender, string clientId) => _results.Remove((sender, clientId));
}
