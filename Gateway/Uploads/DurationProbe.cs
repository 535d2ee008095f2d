using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Gateway.Uploads;

/// <summary>
/// Reads the playing time of WAV and MP4 (and M4A, QuickTime) uploads from the bytes as they stream past, keeping
/// only what it needs: a WAV's header, an MP4's top-level box headers and its <c>moov</c> box (up to 8 MiB).
/// Other formats have no duration (the field is optional).
/// </summary>
public sealed class DurationProbe(string contentType)
{
    private const int MaxMoovBytes = 8 * 1024 * 1024;
    private const int WavHeadBytes = 64 * 1024;

    private readonly bool _wav = contentType == "audio/wav";
    private readonly bool _mp4 = contentType is "video/mp4" or "audio/mp4" or "video/quicktime";
    private readonly List<byte> _head = [];

    // MP4 walk: where the next top-level box starts, and the moov box while it is being collected.
    private long _position;
    private long _nextBox;
    private byte[]? _moov;
    private int _moovFilled;
    private bool _done;

    public long? Milliseconds { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (_done || !(_wav || _mp4))
        {
            _position += bytes.Length;
            return;
        }

        if (_wav)
            FeedWav(bytes);
        else
            FeedMp4(bytes);
    }

    private void FeedWav(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, WavHeadBytes - _head.Count);
        for (var i = 0; i < take; i++)
            _head.Add(bytes[i]);
        _position += bytes.Length;
        if (_head.Count < WavHeadBytes && take == bytes.Length && TryWav() is null)
            return;
        Milliseconds = TryWav();
        _done = Milliseconds is not null || _head.Count >= WavHeadBytes;
    }

    private long? TryWav()
    {
        var head = _head.ToArray().AsSpan();
        long? byteRate = null;
        for (var at = 12; at + 8 <= head.Length;)
        {
            var id = head.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(at + 4, 4));
            if (id.SequenceEqual("fmt "u8) && at + 20 <= head.Length)
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(at + 16, 4));
            else if (id.SequenceEqual("data"u8))
                return byteRate is > 0 ? size * 1000L / byteRate : null;
            at += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - at - 8);
        }

        return null;
    }

    private void FeedMp4(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && !_done)
        {
            if (_moov is not null)
            {
                var take = Math.Min(bytes.Length, _moov.Length - _moovFilled);
                bytes[..take].CopyTo(_moov.AsSpan(_moovFilled));
                _moovFilled += take;
                _position += take;
                bytes = bytes[take..];
                if (_moovFilled == _moov.Length)
                {
                    Milliseconds = ReadMvhd(_moov);
                    _done = true;
                }

                continue;
            }

            if (_position < _nextBox)
            {
                var skip = (int)Math.Min(bytes.Length, _nextBox - _position);
                _position += skip;
                bytes = bytes[skip..];
                continue;
            }

            // At a box header: 8 bytes (size, type), 16 when the size is 1 and a 64-bit size follows.
            var wanted = _head.Count >= 8 && BinaryPrimitives.ReadUInt32BigEndian(CollectionsMarshal.AsSpan(_head)) == 1 ? 16 : 8;
            var part = Math.Min(wanted - _head.Count, bytes.Length);
            for (var i = 0; i < part; i++)
                _head.Add(bytes[i]);
            _position += part;
            bytes = bytes[part..];
            if (_head.Count < wanted || (wanted == 8 && BinaryPrimitives.ReadUInt32BigEndian(CollectionsMarshal.AsSpan(_head)) == 1))
                continue;

            var header = CollectionsMarshal.AsSpan(_head);
            long size = wanted == 16 ? (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]) : BinaryPrimitives.ReadUInt32BigEndian(header);
            var isMoov = header.Slice(4, 4).SequenceEqual("moov"u8);
            _head.Clear();
            if (size < wanted)
            {
                _done = true; // size 0 (the box runs to the end) or nonsense: no more boxes to walk
                return;
            }

            if (isMoov && size - wanted <= MaxMoovBytes)
            {
                _moov = new byte[size - wanted];
                _moovFilled = 0;
            }
            else
            {
                _nextBox = _position - wanted + size;
            }
        }
    }

    /// <summary>The movie header inside moov: duration / timescale.</summary>
    private static long? ReadMvhd(ReadOnlySpan<byte> moov)
    {
        for (var at = 0; at + 8 <= moov.Length;)
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(moov[at..]), int.MaxValue);
            if (size < 8)
                return null;
            if (moov.Slice(at + 4, 4).SequenceEqual("mvhd"u8))
            {
                var body = moov.Slice(at + 8, Math.Min(size - 8, moov.Length - at - 8));
                if (body.Length < 1)
                    return null;
                var version = body[0];
                long timescale, duration;
                if (version == 1 && body.Length >= 32)
                {
                    timescale = BinaryPrimitives.ReadUInt32BigEndian(body[20..]);
                    duration = (long)BinaryPrimitives.ReadUInt64BigEndian(body[24..]);
                }
                else if (body.Length >= 20)
                {
                    timescale = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
                    duration = BinaryPrimitives.ReadUInt32BigEndian(body[16..]);
                }
                else
                {
                    return null;
                }

                return timescale > 0 ? duration * 1000 / timescale : null;
            }

            at += size;
        }

        return null;
    }
}
