using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// Server-Sent Events frames: <c>id: {group}:{seq}</c> (absent for private notes), <c>event: {kind}</c>,
/// <c>data: {the message as JSON}</c>. A message is serialised once however many users receive it.
/// </summary>
public static class LiveFrames
{
    private static readonly ConditionalWeakTable<ChatMessage, byte[]> Cache = [];

    public static ReadOnlyMemory<byte> Heartbeat { get; } = Encoding.UTF8.GetBytes(": ping\n\n");

    public static LiveItem ItemFor(ChatMessage message) =>
        new(message.Seq > 0 ? message.GroupId : null, message.Seq, Cache.GetValue(message, Serialize));

    public static byte[] Ready(string gatewayId, IEnumerable<string> groups) =>
        Encoding.UTF8.GetBytes($"event: ready\ndata: {JsonSerializer.Serialize(new { gateway = gatewayId, groups })}\n\n");

    private static byte[] Serialize(ChatMessage message)
    {
        var json = JsonSerializer.Serialize(message, JsonSerializerOptions.Web);
        var id = message.Seq > 0 ? $"id: {message.GroupId}:{message.Seq}\n" : string.Empty;
        return Encoding.UTF8.GetBytes($"{id}event: {message.Kind}\ndata: {json}\n\n");
    }
}
