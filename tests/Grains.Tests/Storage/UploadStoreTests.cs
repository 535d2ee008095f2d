using System.Security.Cryptography;
using Grains.Interfaces.Chat;
using Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TestSupport;

namespace Grains.Tests.Storage;

/// <summary>
/// The upload store on PostgreSQL (deploy/sql/400_uploads.sql) and its memory twin keep the same rules: bytes in
/// 256 KiB chunks, nothing visible before the commit, nothing left by an abandoned upload, seekable reads.
/// </summary>
public sealed class UploadStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostgreSQL_streams_chunks_commits_at_once_and_leaves_nothing_of_an_abandoned_upload()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("uploads"));
        await AssertRulesAsync(new PostgresUploadStore(dataSource));
        await using var count = dataSource.CreateCommand("SELECT (SELECT count(*) FROM chat_uploads) + (SELECT count(*) FROM chat_upload_chunks WHERE upload_id = 'abandoned')");
        Assert.Equal(3L, await count.ExecuteScalarAsync()); // the upload and its thumbnail, the small one; no chunk of the abandoned one
    }

    [Fact]
    public Task The_memory_store_keeps_the_same_rules() => AssertRulesAsync(new InMemoryUploadStore());

    [Fact]
    public async Task A_media_message_keeps_its_upload_description_in_the_messages_table_until_recalled()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.NewDatabase("media"));
        await using var writer = new MessageBatchWriter(dataSource, NullLogger<MessageBatchWriter>.Instance);
        var messages = new PostgresMessageStore(dataSource, writer);
        var media = new MediaRef(new string('a', 32), "image/png", 1234, 640, 480, null, new string('b', 32), "cat.png");
        await messages.AppendAsync(new ChatMessage("g", 1, ChatEventKinds.Message, "u", "U", MessageTypes.Image, "look", null, null, "c1", null, At, Media: media));
        await messages.AppendAsync(new ChatMessage("g", 2, ChatEventKinds.Message, "u", "U", MessageTypes.Audio, null, null, null, "c2", null, At,
            Media: new MediaRef(new string('c', 32), "audio/wav", 99, DurationMs: 1500)));
        Assert.Equal(media, (await messages.GetAsync("g", 1))!.Media);
        Assert.Equal(1500, (await messages.GetAsync("g", 2))!.Media!.DurationMs);

        await messages.AppendAsync(new ChatMessage("g", 3, ChatEventKinds.Recall, "u", null, MessageTypes.Text, null, null, null, null, 1, At));
        Assert.Null((await messages.GetAsync("g", 1))!.Media);
    }

    private static async Task AssertRulesAsync(IUploadStore store)
    {
        var bytes = RandomNumberGenerator.GetBytes(IUploadStore.ChunkSize * 2 + 1000);
        var id = new string('1', 32);
        var thumbnailId = new string('2', 32);
        var thumbnailBytes = RandomNumberGenerator.GetBytes(5000);
        var upload = Record(id, "alice", bytes.Length, At) with { ThumbnailId = thumbnailId, Width = 800, Height = 600, HasQr = true, FileName = "cat.png" };
        var thumbnail = Record(thumbnailId, "alice", thumbnailBytes.Length, At) with { ParentId = id, ContentType = "image/jpeg" };

        await using (var writer = await store.BeginAsync(id, CancellationToken.None))
        {
            // Writes of any size: smaller than a chunk, across chunk boundaries.
            foreach (var piece in bytes.Chunk(100_003))
                await writer.WriteAsync(piece, CancellationToken.None);
            Assert.Null(await store.GetAsync(id));
            await writer.CommitAsync(upload, thumbnail, thumbnailBytes, CancellationToken.None);
        }

        Assert.Equal(upload, await store.GetAsync(id));
        Assert.Equal(thumbnail, await store.GetAsync(thumbnailId));
        Assert.Equal(bytes, await ReadAllAsync(store, upload));
        Assert.Equal(thumbnailBytes, await ReadAllAsync(store, thumbnail));
        Assert.Equal(IUploadStore.ChunkSize, (await store.ReadChunkAsync(id, 0)).Length);
        Assert.Equal(1000, (await store.ReadChunkAsync(id, 2)).Length);
        Assert.Empty(await store.ReadChunkAsync(id, 3));

        // Seeking reads only what is asked for, across a chunk boundary.
        await using (var content = new UploadContentStream(store, upload))
        {
            content.Seek(IUploadStore.ChunkSize - 10, SeekOrigin.Begin);
            var slice = new byte[30];
            await content.ReadExactlyAsync(slice);
            Assert.Equal(bytes.AsSpan(IUploadStore.ChunkSize - 10, 30).ToArray(), slice);
        }

        // An upload disposed before its commit leaves nothing; a later one with the same id is unaffected by it.
        await using (var abandoned = await store.BeginAsync("abandoned", CancellationToken.None))
            await abandoned.WriteAsync(RandomNumberGenerator.GetBytes(IUploadStore.ChunkSize + 5), CancellationToken.None);
        Assert.Null(await store.GetAsync("abandoned"));

        // A size that does not match what was written is refused, and nothing is stored.
        await using (var lying = await store.BeginAsync("lying", CancellationToken.None))
        {
            await lying.WriteAsync(new byte[10], CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => lying.CommitAsync(Record("lying", "alice", 11, At), null, default, CancellationToken.None));
        }

        Assert.Null(await store.GetAsync("lying"));

        var small = new string('3', 32);
        await using (var writer = await store.BeginAsync(small, CancellationToken.None))
        {
            await writer.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
            await writer.CommitAsync(Record(small, "alice", 3, At.AddMinutes(30)), null, default, CancellationToken.None);
        }

        // Usage counts the owner's own uploads (not thumbnails) in the window.
        Assert.Equal(new UploadUsage(2, bytes.Length + 3, At), await store.GetUsageSinceAsync("alice", At.AddMinutes(-1)));
        Assert.Equal(new UploadUsage(1, 3, At.AddMinutes(30)), await store.GetUsageSinceAsync("alice", At.AddMinutes(1)));
        Assert.Equal(new UploadUsage(0, 0, null), await store.GetUsageSinceAsync("bob", At.AddMinutes(-1)));

        // Posts grant readers; recorded once per group.
        Assert.Empty(await store.GetPostGroupsAsync(id, 10));
        await store.AddPostAsync(id, "g1");
        await store.AddPostAsync(id, "g1");
        await store.AddPostAsync(id, "g2");
        Assert.Equal(["g1", "g2"], (await store.GetPostGroupsAsync(id, 10)).Order());
        Assert.Single(await store.GetPostGroupsAsync(id, 1));
    }

    private static UploadRecord Record(string id, string owner, long size, DateTimeOffset at) =>
        new(id, owner, MessageTypes.Image, "image/png", size, new string('f', 64), at);

    private static async Task<byte[]> ReadAllAsync(IUploadStore store, UploadRecord upload)
    {
        await using var content = new UploadContentStream(store, upload);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
