using System.Buffers.Binary;
using System.Security.Cryptography;
using Grains.Chain.Mining;

namespace Grains.Tests.Chain.Mining;

public sealed class Sha256CoreTests
{
    [Fact]
    public void Derived_constants_are_the_published_ones_at_both_ends()
    {
        Assert.Equal(0x428a2f98u, Sha256Core.RoundConstants[0]);
        Assert.Equal(0xc67178f2u, Sha256Core.RoundConstants[63]);
        Assert.Equal(0x6a09e667u, Sha256Core.InitialHash[0]);
        Assert.Equal(0x5be0cd19u, Sha256Core.InitialHash[7]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(200)]
    public void Compression_over_padded_blocks_equals_SHA256_HashData(int length)
    {
        var message = new byte[length];
        new Random(length).NextBytes(message);

        var padded = new byte[((length + 8) / 64 + 1) * 64];
        message.CopyTo(padded, 0);
        padded[length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 8), (ulong)length * 8);
        var state = Sha256Core.InitialHash.ToArray();
        for (var offset = 0; offset < padded.Length; offset += 64)
            Sha256Core.Compress(state, padded.AsSpan(offset, 64));
        var digest = new byte[32];
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4), state[i]);

        Assert.Equal(SHA256.HashData(message), digest);
    }
}
