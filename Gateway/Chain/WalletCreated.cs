namespace Gateway.Chain;

/// <summary>A demo key pair; the warning says why it is not for real funds.</summary>
public sealed record WalletCreated(string Address, string PublicKey, string PrivateKey, string Warning);
