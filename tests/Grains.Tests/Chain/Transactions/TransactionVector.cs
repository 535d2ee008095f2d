namespace Grains.Tests.Chain.Transactions;

/// <summary>The signing test vector published in docs/chain.md; tests hold the code to it.</summary>
internal static class TransactionVector
{
    public const string PrivateKey = "802fe5acf90cf82a098925c1a6e76049de463a2e884caf103e2b537de7b3acea";
    public const string PublicKey = "0493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4";
    public const string From = "ed796d7cbb56bd305c4413182e83823b280786c7";
    public const string To = "00112233445566778899aabbccddeeff00112233";
    public const string ChainId = "chaincoin-teaching";
    public const long Amount = 150_000_000;
    public const long Fee = 1_000;
    public const long Nonce = 0;
    public const string SigningBytes = "0112636861696e636f696e2d7465616368696e67ed796d7cbb56bd305c4413182e83823b280786c700112233445566778899aabbccddeeff001122330000000008f0d18000000000000003e80000000000000000410493395a91a106ef0231074cf36611eb1eb7715590ef53771cdf7bc08839014f32cce058a875392079dd7c4fbbf8def4425062b4c4895341b0a7072d7cdca432e4";
    public const string SigningDigest = "eabff64c5181fb066999bdbff06cf588cd96dbe29443409d588d44fec6b2b978";
    public const string Signature = "814fa70f9f47faaca5df10ac75608db3b8a921ed4ad85d8b10723682d36134577d15eb3c4bfa82c639230c353dcb3897e9c558b36353c9c4f5d1f59211e2ac1e";
    public const string Id = "c0b362ce9860326d1711c1e5f353c1ce22e7a3268aff74697f8cdb2150811a23";
}
