using System.Text;
using Grains.Payments;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>
/// Durable state needs a configured wallet encryption key, the same on every silo: a generated one would make every
/// stored custodial key unreadable after a restart.
/// </summary>
public sealed class WalletRules(IConfiguration configuration) : SettingsRules<WalletOptions>(WalletOptions.Section)
{
    protected override IEnumerable<SettingProblem> Check(WalletOptions options)
    {
        var key = Key(nameof(options.EncryptionKey));
        if (string.IsNullOrEmpty(options.EncryptionKey))
        {
            if (ClusterHostOptions.Read(configuration).UsesPostgres)
                yield return SettingProblem.Missing(key, "when state is stored in PostgreSQL (Cluster:Membership or Cluster:Storage AdoNet): the same secret on every silo, at least 32 bytes");
        }
        else if (Encoding.UTF8.GetByteCount(options.EncryptionKey) < WalletOptions.MinKeyBytes)
        {
            yield return SettingProblem.Invalid(key, "(hidden)", $"a secret of at least {WalletOptions.MinKeyBytes} bytes");
        }
    }
}
