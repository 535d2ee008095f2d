using System.Security.Cryptography;
using Grains.Chain.Model;

namespace Grains.Tests.Chain.Model;

public sealed class MerkleTreeTests
{
    private static Hash256 Id(string text) => Hash256.FromBytes(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static Hash256 Pair(Hash256 left, Hash256 right) => BlockHeader.DoubleSha256([.. left.ToArray(), .. right.ToArray()]);

    [Fact]
    public void Root_of_no_transactions_is_all_zeros() => Assert.Equal(Hash256.Zero, MerkleTree.Root([]));

    [Fact]
    public void Root_of_one_transaction_is_its_id() => Assert.Equal(Id("a"), MerkleTree.Root([Id("a")]));

    [Fact]
    public void Root_of_two_transactions_hashes_the_pair() =>
        Assert.Equal(Pair(Id("a"), Id("b")), MerkleTree.Root([Id("a"), Id("b")]));

    [Fact]
    public void Root_of_three_transactions_carries_the_odd_one_up_unpaired()
    {
        Assert.Equal(Pair(Pair(Id("a"), Id("b")), Id("c")), MerkleTree.Root([Id("a"), Id("b"), Id("c")]));
        Assert.NotEqual(MerkleTree.Root([Id("a"), Id("b"), Id("c")]), MerkleTree.Root([Id("a"), Id("b"), Id("c"), Id("c")]));
    }

    [Fact]
    public void Order_matters() => Assert.NotEqual(MerkleTree.Root([Id("a"), Id("b")]), MerkleTree.Root([Id("b"), Id("a")]));
}
