namespace Grains.Storage;

/// <summary>Cuts a stream of writes into chunks of <see cref="IUploadStore.ChunkSize"/>, handing each full one on.</summary>
internal sealed class ChunkBuffer
{
    private byte[] _current = new byte[IUploadStore.ChunkSize];
    private int _filled;

    public long Written { get; private set; }

    public int Chunks { get; private set; }

    /// <summary>Adds bytes; <paramref name="full"/> gets each chunk as it fills (the array is the chunk's own).</summary>
    public async ValueTask AddAsync(ReadOnlyMemory<byte> bytes, Func<int, byte[], ValueTask> full)
    {
        while (!bytes.IsEmpty)
        {
            var take = Math.Min(bytes.Length, _current.Length - _filled);
            bytes.Span[..take].CopyTo(_current.AsSpan(_filled));
            _filled += take;
            Written += take;
            bytes = bytes[take..];
            if (_filled == _current.Length)
            {
                var chunk = _current;
                _current = new byte[IUploadStore.ChunkSize];
                _filled = 0;
                await full(Chunks++, chunk);
            }
        }
    }

    /// <summary>The last, partly filled chunk, if any.</summary>
    public async ValueTask FlushAsync(Func<int, byte[], ValueTask> full)
    {
        if (_filled == 0)
            return;
        var last = _current.AsSpan(0, _filled).ToArray();
        _filled = 0;
        await full(Chunks++, last);
    }

    /// <summary>Cuts bytes already whole (a thumbnail) into chunks.</summary>
    public static IEnumerable<byte[]> Split(ReadOnlyMemory<byte> bytes)
    {
        for (var offset = 0; offset < bytes.Length; offset += IUploadStore.ChunkSize)
            yield return bytes.Slice(offset, Math.Min(IUploadStore.ChunkSize, bytes.Length - offset)).ToArray();
    }
}
