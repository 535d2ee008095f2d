using System.Collections.Concurrent;
using Grains.Interfaces.Chat;

namespace Grains.Tests.Chat;

/// <summary>Stands in for a gateway process: registers one observer and records every batch pushed to it.</summary>
public sealed class RecordingGateway : ILiveGatewayObserver
{
    private readonly ConcurrentQueue<LiveBatch> _batches = new();

    private RecordingGateway(string id) => Id = id;

    public string Id { get; }

    /// <summary>Kept here so the observer is not collected while the test runs.</summary>
    public ILiveGatewayObserver Reference { get; private set; } = null!;

    public IReadOnlyCollection<LiveBatch> Batches => _batches;

    public static async Task<RecordingGateway> RegisterAsync(IClusterClient client, string id, TimeSpan? timeToLive = null)
    {
        var gateway = new RecordingGateway(id);
        gateway.Reference = client.CreateObjectReference<ILiveGatewayObserver>(gateway);
        await client.GetGrain<IGatewayDirectoryGrain>(0).RegisterAsync(id, gateway.Reference, timeToLive ?? TimeSpan.FromMinutes(10));
        return gateway;
    }

    public Task DeliverAsync(LiveBatch batch)
    {
        _batches.Enqueue(batch);
        return Task.CompletedTask;
    }

    /// <summary>Every (recipient, message) pair pushed here, duplicates included.</summary>
    public IEnumerable<(string User, ChatMessage Message)> Deliveries() =>
        _batches.SelectMany(b => b.Recipients.SelectMany(r => b.Messages.Select(m => (r, m))));

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), $"timed out waiting until {what}");
    }
}
