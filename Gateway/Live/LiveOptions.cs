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
    public int FlushIntervalMs { get; set; } = 50;
}
