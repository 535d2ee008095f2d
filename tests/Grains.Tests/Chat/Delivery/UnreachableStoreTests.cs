using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Silo.Hosting;

namespace Grains.Tests.Chat.Delivery;

/// <summary>
/// A group whose message store is out of reach for a while (a silo cut off from PostgreSQL): a post whose append
/// failed keeps its number and is stored once the store is back, new posts get 503 meanwhile, and the group's
/// sequence has no hole.
/// </summary>
public sealed class UnreachableStoreTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = ClusterFixture.CreateBuilder(new ClusterHostOptions { Storage = StorageMode.Memory }, silos: 1);
        builder.ConfigureSilo((_, silo) => silo.Services.AddSingleton<IMessageStore>(services => new SwitchableMessageStore(new InMemoryMessageStore())));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_post_whose_append_failed_keeps_its_number_and_no_other_post_takes_one_until_it_is_stored()
    {
        var (group, owner, _) = await GroupScenario.NewGroupAsync(_cluster.Client, shards: 2);
        var first = (await group.PostAsync(owner, new MessageDraft("before", "text", "one"))).Message!;

        SwitchableMessageStore.Unreachable = true;
        var failed = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(owner, new MessageDraft("during", "text", "two")));
        Assert.Equal(ErrorCodes.StoreUnavailable, failed.Code);
        // While the message waits, neither another post nor the retry takes a number.
        var other = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(owner, new MessageDraft("other", "text", "three")));
        Assert.Equal(ErrorCodes.StoreUnavailable, other.Code);
        var retry = await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(owner, new MessageDraft("during", "text", "two")));
        Assert.Equal(ErrorCodes.StoreUnavailable, retry.Code);

        SwitchableMessageStore.Unreachable = false;
        ChatMessage? stored = null;
        for (var i = 0; i < 100 && stored is null; i++)
        {
            try
            {
                stored = (await group.PostAsync(owner, new MessageDraft("during", "text", "two"))).Message;
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.StoreUnavailable)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(stored);
        Assert.Equal(first.Seq + 1, stored!.Seq);
        var after = (await group.PostAsync(owner, new MessageDraft("after", "text", "four"))).Message!;
        Assert.Equal(first.Seq + 2, after.Seq);
        var history = await group.GetHistoryAsync(owner, 0, null, 200);
        Assert.Equal(Enumerable.Range(1, (int)after.Seq).Select(n => (long)n), history.Messages.Select(m => m.Seq));
        Assert.Single(history.Messages, m => m.ClientId == "during");
    }

    /// <summary>The in-memory store, unreachable while <see cref="Unreachable"/> is set (one silo in this process).</summary>
    private sealed class SwitchableMessageStore(InMemoryMessageStore inner) : IMessageStore
    {
        public static volatile bool Unreachable;

        public Task<ChatMessage> AppendAsync(ChatMessage message) => Unreachable ? Fail<ChatMessage>() : inner.AppendAsync(message);

        public Task<IReadOnlyList<ChatMessage>> ReadAfterAsync(string groupId, long afterSeq, int limit) =>
            Unreachable ? Fail<IReadOnlyList<ChatMessage>>() : inner.ReadAfterAsync(groupId, afterSeq, limit);

        public Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string groupId, long beforeSeq, int limit) =>
            Unreachable ? Fail<IReadOnlyList<ChatMessage>>() : inner.ReadBeforeAsync(groupId, beforeSeq, limit);

        public Task<ChatMessage?> GetAsync(string groupId, long seq) => Unreachable ? Fail<ChatMessage?>() : inner.GetAsync(groupId, seq);

        public Task<long> GetLastSeqAsync(string groupId) => Unreachable ? Fail<long>() : inner.GetLastSeqAsync(groupId);

        private static Task<T> Fail<T>() => Task.FromException<T>(new TimeoutException("the store is out of reach"));
    }
}
