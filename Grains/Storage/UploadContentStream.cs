namespace Grains.Storage;

/// <summary>
/// A committed upload as a read-only, seekable stream that fetches one chunk at a time: the server's range and
/// conditional-request handling seeks it to the range asked for and reads only that far.
/// </summary>
public sealed class UploadContentStream(IUploadStore store, UploadRecord upload) : Stream
{
    private byte[] _chunk = [];
    private int _chunkIndex = -1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => upload.Size;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= upload.Size || buffer.IsEmpty)
            return 0;
        var index = (int)(_position / IUploadStore.ChunkSize);
        if (index != _chunkIndex)
        {
            _chunk = await store.ReadChunkAsync(upload.Id, index, cancellationToken);
            _chunkIndex = index;
        }

        var offset = (int)(_position % IUploadStore.ChunkSize);
        var count = Math.Min(buffer.Length, _chunk.Length - offset);
        if (count <= 0)
            throw new IOException($"upload {upload.Id} is missing bytes at {_position}");
        _chunk.AsMemory(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => upload.Size + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
