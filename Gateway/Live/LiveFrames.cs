using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Gateway.Http;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// Server-Sent Events frames: <c>event: {kind}</c>, <c>data: {the message as JSON}</c>. A message is serialised once
/// however many users receive it; each connection writes its own <c>id:</c> line (its position in every group) before
/// a group event.
/// </summary>
public static class LiveFrames
{
    private static readonly ConditionalWeakTable<ChatMessage, byte[]> Cache = [];

    public static ReadOnlyMemory<byte> Heartbeat { get; } = Encoding.UTF8.GetBytes(": ping\n\n");

    /// <summary>Sent when this gateway stops: reconnect (through the load balancer) after a second.</summary>
    public static ReadOnlyMemory<byte> Reconnect { get; } =
        Encoding.UTF8.GetBytes("retry: 1000\nevent: reconnect\ndata: {\"reason\":\"gateway shutting down\",\"retry_ms\":1000}\n\n");

    public static LiveItem ItemFor(ChatMessage message)
    {
        var frame = Cache.GetValue(message, Serialize);
        return message.Kind switch
        {
            ChatEventKinds.Private => new LiveItem(null, 0, frame),
            ChatEventKinds.Subscription => new LiveItem(message.GroupId, 0, frame, IsSubscription: true,
                Resume: message.Text == "subscribed" ? message.Seq : null),
            _ => new LiveItem(message.GroupId, message.Seq, frame),
        };
    }

    public static byte[] Ready(string gatewayId, IEnumerable<string> groups) =>
        Encoding.UTF8.GetBytes($"event: ready\ndata: {JsonSerializer.Serialize(new { gateway = gatewayId, groups }, ApiJson.Frames)}\n\n");

    /// <summary>The frame without an id line: a group event's id is the receiving connection's position (see <see cref="LiveConnection"/>).</summary>
    private static byte[] Serialize(ChatMessage message)
    {
        var json = JsonSerializer.Serialize(message, ApiJson.Frames);
        return Encoding.UTF8.GetBytes($"event: {message.Kind}\ndata: {json}\n\n");
    }
}
