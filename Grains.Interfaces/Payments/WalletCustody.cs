namespace Grains.Interfaces.Payments;

/// <summary>Who holds a wallet's private key.</summary>
[GenerateSerializer, Alias("Payments.WalletCustody")]
public enum WalletCustody
{
    /// <summary>The service keeps the key, encrypted at rest, and signs on the owner's behalf.</summary>
    Server = 0,

    /// <summary>The owner registered their own public key and signs every transaction themselves.</summary>
    Self = 1,
}
