using System.ComponentModel.DataAnnotations;

namespace Grains.Payments;

/// <summary>Settings under <c>Wallet</c> (environment: <c>Wallet__EncryptionKey</c> …).</summary>
public sealed class WalletOptions
{
    public const string Section = "Wallet";
    public const int MinKeyBytes = 32;

    /// <summary>
    /// The secret custodial wallet keys are encrypted with (AES-256-GCM, key derived with HKDF). Required with durable
    /// storage and the same on every silo; without it an embedded gateway generates one for its own lifetime.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Development coins from the payments node's wallet; unset: on in embedded mode, off in a cluster.</summary>
    public bool? FaucetEnabled { get; set; }

    /// <summary>Units per faucet request (100 coins).</summary>
    [Range(1, long.MaxValue / 4)]
    public long FaucetAmount { get; set; } = 100 * 100_000_000L;

    [Range(1, 1_000)]
    public int FaucetPerHour { get; set; } = 3;
}
