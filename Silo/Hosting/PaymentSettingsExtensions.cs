using Grains.Payments;
using Microsoft.Extensions.Logging;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>Payments settings (<c>Chat</c>, <c>Wallet</c>) and the wallet key cipher, for a silo (and an embedded gateway).</summary>
public static class PaymentSettingsExtensions
{
    /// <summary>
    /// The settings every host reads. <paramref name="signsPayments"/>: this process runs grains that sign (a silo, an
    /// embedded gateway), so it needs the wallet encryption key where state is durable.
    /// </summary>
    public static IServiceCollection AddPaymentSettings(this IServiceCollection services, bool signsPayments)
    {
        services.AddSettings<PaymentOptions>(PaymentOptions.Section)
            .Describe(nameof(PaymentOptions.PaymentsNode), "a node id: 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        var wallet = services.AddSettings<WalletOptions>(WalletOptions.Section);
        if (signsPayments)
            wallet.AddRules<WalletRules>();
        services.AddOptions<PaymentOptions>().PostConfigure<IConfiguration>((payments, configuration) =>
            payments.PaymentConfirmations ??= payments.ConfirmationsFor(ClusterHostOptions.Read(configuration).Membership == ClusteringMode.AdoNet));
        services.AddOptions<WalletOptions>().PostConfigure<IConfiguration>((options, configuration) =>
            options.FaucetEnabled ??= !ClusterHostOptions.Read(configuration).UsesPostgres);
        services.AddSingleton(sp =>
        {
            var cipher = WalletKeyCipher.From(sp.GetRequiredService<WalletOptions>());
            if (cipher.Generated)
            {
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Wallets").LogWarning(
                    "Wallet:EncryptionKey is not set: custodial wallet keys are encrypted with a key made for this process; they cannot be read after it stops (set Wallet__EncryptionKey, at least {Bytes} bytes, the same on every silo).",
                    WalletOptions.MinKeyBytes);
            }

            return cipher;
        });
        return services;
    }
}
