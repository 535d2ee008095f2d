using Grains.Chat;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Grains.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Silo.Hosting;
using TestSupport;

namespace Grains.Tests.Chat;

/// <summary>The chat tables on a real PostgreSQL server (one throwaway server for the class).</summary>
public sealed class ChatPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Concurrent_posts_are_written_in_batches_in_sequence_order_and_a_recall_marks_its_target()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("messages"));
        await using var writer = new MessageBatchWriter(dataSource, NullLogger<MessageBatchWriter>.Instance);
        var store = new PostgresMessageStore(dataSource, writer);
        var at = DateTimeOffset.UtcNow;

        var appends = new List<Task>();
        for (var seq = 1; seq <= 100; seq++)
        {
            for (var g = 0; g < 40; g++)
                appends.Add(store.AppendAsync(new ChatMessage($"g{g}", seq, ChatEventKinds.Message, "u", "U", "text", $"m{seq}", null, null, $"c{seq}", null, at)));
        }

        await Task.WhenAll(appends);
        await store.AppendAsync(new ChatMessage("g0", 101, ChatEventKinds.Recall, "u", null, "text", null, null, null, null, 7, at));

        Assert.Equal(4001, writer.RowsWritten);
        Assert.True(writer.BatchesWritten <= writer.RowsWritten / 2, $"{writer.BatchesWritten} transactions for {writer.RowsWritten} rows");
        for (var g = 0; g < 40; g++)
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), (await store.ReadAfterAsync($"g{g}", 0, 200)).Take(100).Select(m => m.Seq));
        Assert.Equal(101, await store.GetLastSeqAsync("g0"));
        Assert.Equal([4L, 5, 6], (await store.ReadBeforeAsync("g1", 7, 3)).Select(m => m.Seq));
        var recalled = await store.GetAsync("g0", 7);
        Assert.True(recalled!.Recalled);
        Assert.Null(recalled.Text);
        Assert.False((await store.GetAsync("g1", 7))!.Recalled);
    }

    [Fact]
    public async Task The_table_stores_a_client_id_once_per_sender_even_from_a_second_activation_and_refuses_a_taken_sequence()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("repeats"));
        await using var writer = new MessageBatchWriter(dataSource, NullLogger<MessageBatchWriter>.Instance);
        IMessageStore store = new PostgresMessageStore(dataSource, writer);
        await AssertRepeatsAreStoredOnceAsync(store);
        Assert.Single(await store.ReadAfterAsync("g", 0, 10), m => m is { ClientId: "c1", SenderId: "alice" });
    }

    [Fact]
    public Task The_memory_store_keeps_the_same_rules() => AssertRepeatsAreStoredOnceAsync(new InMemoryMessageStore());

    internal static async Task AssertRepeatsAreStoredOnceAsync(IMessageStore store)
    {
        var at = StoredTime.Now(TimeProvider.System);
        var first = new ChatMessage("g", 1, ChatEventKinds.Message, "alice", "Alice", "text", "hi", null, null, "c1", null, at);
        Assert.Equal(first, await store.AppendAsync(first));

        // A second activation that never saw c1 assigns it seq 2: the store answers with the first message.
        var repeat = first with { Seq = 2, Text = "hi again" };
        var other = first with { Seq = 3, SenderId = "bob", Text = "bob's c1" };
        var stored = await Task.WhenAll(store.AppendAsync(repeat), store.AppendAsync(other));
        Assert.Equal([first, other], stored);
        await Assert.ThrowsAsync<SequenceConflictException>(() => store.AppendAsync(first with { Seq = 3, ClientId = "c9" }));
        Assert.Equal([1L, 3], (await store.ReadAfterAsync("g", 0, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task The_directory_on_postgresql_pages_equal_creation_times_without_repeats_or_skips()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("directory"));
        var directory = new PostgresGroupDirectory(dataSource);
        var sameInstant = new DateTimeOffset(2019, 6, 11, 17, 43, 29, TimeSpan.Zero);
        for (var i = 0; i < 53; i++)
            await directory.UpsertAsync(new GroupListing($"g{i:D2}", $"Mixin 中文群 {i}", "", i % 7 == 0 ? sameInstant.AddMinutes(-i) : sameInstant));

        var seen = await DirectoryPagingTests.PageAllAsync(directory, "中文群", pageSize: 5);

        Assert.Equal(53, seen.Count);
        Assert.Equal(seen, await DirectoryPagingTests.PageAllAsync(directory, null, pageSize: 8));
    }

    [Fact]
    public async Task Groups_members_messages_and_accounts_survive_a_full_cluster_restart()
    {
        var options = new ClusterHostOptions { Storage = StorageMode.AdoNet, ConnectionString = postgres.NewDatabase("chat_restart") };
        var serviceId = "chat-restart-" + Guid.NewGuid().ToString("N")[..8];
        var groupId = "durable-group";
        string owner = "owner", op = "op", alice = "alice", bob = "bob", troll = "troll";
        GroupView before;
        ChatMessage first;
        HistoryPage historyBefore;

        var cluster = ClusterFixture.CreateBuilder(options, silos: 2, serviceId).Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            await client.GetGrain<IAccountGrain>("alice").CreateAsync("Alice", "hashed-password");
            var group = client.GetGrain<IGroupGrain>(groupId);
            await group.CreateAsync(new CreateGroupCommand(owner, "Owner", "Durable 中文群", "survives restarts", 8));
            foreach (var user in new[] { op, alice, bob, troll })
                await group.JoinAsync(new MemberProfile(user, user));
            await group.ImportMembersAsync([.. Enumerable.Range(0, 1000).Select(i => new MemberProfile($"m{i}", $"M{i}"))], indexMembers: false);
            await group.SetOperatorAsync(owner, op, true);
            await group.BanAsync(op, troll);
            await group.SetSubscriptionAsync(bob, false);
            await group.UpdateSettingsAsync(owner, new GroupSettingsPatch(WelcomeText: "欢迎", LinkFilter: true, RateLimit: RateLimitSettings.Off,
                Templates: new MessageTemplatesPatch(InfoAnswer: "当前订阅人数: {count}")));
            first = (await group.PostAsync(alice, new MessageDraft("c1", "text", "first"))).Message!;
            var second = (await group.PostAsync(alice, new MessageDraft("c2", "text", "second"))).Message!;
            await group.RecallAsync(op, second.Seq);
            await group.SetLastReadAsync(alice, first.Seq);
            before = await group.GetAsync();
            historyBefore = await group.GetHistoryAsync(owner, 0, null, 200);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        cluster = ClusterFixture.CreateBuilder(options, silos: 2, serviceId).Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var group = client.GetGrain<IGroupGrain>(groupId);
            var after = await group.GetAsync();
            Assert.Equivalent(before, after, strict: true);
            Assert.Equal((1004, 1003), (after.MemberCount, after.SubscriberCount));
            Assert.Equal(["op"], after.Operators);
            Assert.Equivalent(historyBefore, await group.GetHistoryAsync(owner, 0, null, 200), strict: true);
            Assert.Equal(first.Seq, (await group.GetReadStateAsync(alice)).LastReadSeq);
            Assert.Equal("banned", (await Assert.ThrowsAsync<DomainException>(() => group.JoinAsync(new MemberProfile(troll, troll)))).Code);
            Assert.Equal("unsubscribed", (await Assert.ThrowsAsync<DomainException>(() => group.PostAsync(bob, new MessageDraft("b1", "text", "hi")))).Code);

            // The retry window survives: the same client_id is not stored again, and new posts continue the sequence.
            Assert.Equal(first, (await group.PostAsync(alice, new MessageDraft("c1", "text", "first"))).Message);
            Assert.Equal(before.LastSeq + 1, (await group.PostAsync(alice, new MessageDraft("c3", "text", "third"))).Message!.Seq);
            Assert.Equal("当前订阅人数: 1003", (await group.PostAsync(alice, new MessageDraft("i", "text", "/INFO"))).Reply!.Text);

            Assert.Contains(await client.GetGrain<IMemberGrain>(alice).GetGroupsAsync(), m => m.GroupId == groupId);
            Assert.Equal("Alice", (await client.GetGrain<IAccountGrain>("alice").GetAsync())!.Username);
            Assert.Equal(groupId, (await client.GetGrain<IGroupDirectoryGrain>(0).SearchAsync("中文", null, 10)).Items.Single().Id);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
