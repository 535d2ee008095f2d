using System.Collections.Concurrent;

namespace Grains.Storage;

/// <summary>Uploads held in this process (embedded mode): lost when it stops, like the rest of its state.</summary>
public sealed class InMemoryUploadStore : IUploadStore
{
    private readonly ConcurrentDictionary<string, (UploadRecord Record, byte[][] Chunks)> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _posts = new(StringComparer.Ordinal);

    public Task<IUploadWriter> BeginAsync(string uploadId, CancellationToken cancellationToken) => Task.FromResult<IUploadWriter>(new Writer(this));

    public Task<UploadRecord?> GetAsync(string uploadId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_uploads.TryGetValue(uploadId, out var upload) ? upload.Record : null);

    public Task<byte[]> ReadChunkAsync(string uploadId, int index, CancellationToken cancellationToken = default) =>
        Task.FromResult(_uploads.TryGetValue(uploadId, out var upload) && index >= 0 && index < upload.Chunks.Length ? upload.Chunks[index] : []);

    public Task AddPostAsync(string uploadId, string groupId)
    {
        _posts.GetOrAdd(uploadId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(groupId, 0);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetPostGroupsAsync(string uploadId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_posts.TryGetValue(uploadId, out var groups) ? groups.Keys.Take(limit).ToArray() : []);

    public Task<UploadUsage> GetUsageSinceAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var own = _uploads.Values.Select(u => u.Record)
            .Where(r => r.OwnerId == ownerId && r.ParentId is null && r.CreatedAt >= since)
            .ToArray();
        return Task.FromResult(new UploadUsage(own.Length, own.Sum(r => r.Size), own.Length == 0 ? null : own.Min(r => r.CreatedAt)));
    }

    private sealed class Writer(InMemoryUploadStore store) : IUploadWriter
    {
        private readonly ChunkBuffer _buffer = new();
        private readonly List<byte[]> _chunks = [];

        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => _buffer.AddAsync(bytes, Keep);

        public async Task CommitAsync(UploadRecord upload, UploadRecord? thumbnail, ReadOnlyMemory<byte> thumbnailBytes, CancellationToken cancellationToken)
        {
            await _buffer.FlushAsync(Keep);
            if (_buffer.Written != upload.Size)
                throw new InvalidOperationException($"upload {upload.Id} says {upload.Size} bytes but {_buffer.Written} were written");
            if (thumbnail is not null)
                store._uploads[thumbnail.Id] = (thumbnail, [.. ChunkBuffer.Split(thumbnailBytes)]);
            store._uploads[upload.Id] = (upload, [.. _chunks]);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private ValueTask Keep(int index, byte[] chunk)
        {
            _chunks.Add(chunk);
            return ValueTask.CompletedTask;
        }
    }
}
