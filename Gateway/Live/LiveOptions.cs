using System.ComponentModel.DataAnnotations;

namespace Gateway.Live;

/// <summary>Settings under <c>Live</c> (environment: <c>Live__FlushIntervalMs</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How long frames for one connection may wait to be written together. Each write is a system call on
    /// both ends; batching a connection's frames per interval is what lets one gateway feed ten thousand
    /// connections, at the price of up to this much extra latency.
    /// </summary>
    [Range(1, 10_000)]
    public int FlushIntervalMs { get; set; } = 50;

    /// <summary>
    /// Runs socket sends on the thread that flushes instead of handing each one to the thread pool
    /// (Kestrel's UnsafePreferInlineScheduling; pair it with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1).
    /// Saves a thread hop per write when thousands of connections are written every interval; off by default
    /// because any blocking code would then stall the transport.
    /// </summary>
    public bool InlineSocketScheduling { get; set; }

    /// <summary>Live streams one user may hold on one gateway (tabs, devices); a new one beyond this ends the oldest.</summary>
    [Range(1, 1_000)]
    public int MaxStreamsPerUser { get; set; } = 5;
}
