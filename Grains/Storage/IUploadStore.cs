namespace Grains.Storage;

/// <summary>
/// Uploaded bytes and what is known of them. Bytes are kept in chunks of <see cref="ChunkSize"/> (the last one
/// shorter), written as they arrive and visible only once the upload is committed: an upload that fails or is
/// abandoned half-way leaves nothing behind.
/// </summary>
public interface IUploadStore
{
    public const int ChunkSize = 256 * 1024;

    /// <summary>Starts an upload; dispose the writer without committing to drop everything written.</summary>
    Task<IUploadWriter> BeginAsync(string uploadId, CancellationToken cancellationToken);

    Task<UploadRecord?> GetAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Chunk <paramref name="index"/> of a committed upload (empty past the end).</summary>
    Task<byte[]> ReadChunkAsync(string uploadId, int index, CancellationToken cancellationToken = default);

    /// <summary>Records that the upload was posted in a group: that group's members may read it from now on.</summary>
    Task AddPostAsync(string uploadId, string groupId);

    /// <summary>The groups the upload was posted in (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<string>> GetPostGroupsAsync(string uploadId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The owner's own uploads (not thumbnails) made since <paramref name="since"/>.</summary>
    Task<UploadUsage> GetUsageSinceAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>One upload being written: bytes in order, then the record (and an optional thumbnail) in one commit.</summary>
public interface IUploadWriter : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Makes the upload (and its thumbnail with its bytes) visible at once; the record's size must match what was written.</summary>
    Task CommitAsync(UploadRecord upload, UploadRecord? thumbnail, ReadOnlyMemory<byte> thumbnailBytes, CancellationToken cancellationToken);
}
