namespace Grains.Tests.Chain.Transactions;

/// <summary>
/// The format version 2 test vector published in docs/chain.md: the v1 vector's key and transfer with a memo. The
/// values were computed independently of this code base (Python's <c>cryptography</c> package); tests hold the code to them.
/// </summary>
internal static class MemoTransactionVector
{
    public const string Memo = "join:3f9a0c1e5b7d2468:zhangsan";
    public const string SigningBytes = "0212636861696e636f696e2d7465616368696e67ed796d7cbb56bd305c4413182e83823b280786c700112233445566778899aabbccddeeff001122330000000008f0d18000000000000003e800000000000000001e6a6f696e3a336639613063316535623764323436383a7a68616e6773616e410493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4";
    public const string SigningDigest = "a53b582e83b806a69dd97fea78ee0a5a836c8ae1b413c55aa251f150fa453338";
    public const string Signature = "9bf7732fc9cabf5f26907dc1b5d14ac29de090072cbecf1113a4f3ffa24414591a7c119331d72cffc11621cc7e4bf5718d4d053dc0270f85972dfc61ed92c386";
    public const string Id = "28a81c83b122444fa8ba39dd82540c3bf577c96eef64ae214ee19f646cac46bd";
}
