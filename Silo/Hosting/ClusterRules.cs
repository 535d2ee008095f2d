using System.Globalization;
using Silo.Hosting.Settings;

namespace Silo.Hosting;

/// <summary>What the <c>Cluster</c> settings require of each other.</summary>
public sealed class ClusterRules() : SettingsRules<ClusterHostOptions>(ClusterHostOptions.Section)
{
    protected override IEnumerable<SettingProblem> Check(ClusterHostOptions options)
    {
        if (options.Membership == ClusteringMode.AdoNet)
        {
            if (string.IsNullOrWhiteSpace(options.ClusterId))
                yield return SettingProblem.Missing(Key(nameof(options.ClusterId)), "when Cluster:Membership is AdoNet");
            if (string.IsNullOrWhiteSpace(options.ServiceId))
                yield return SettingProblem.Missing(Key(nameof(options.ServiceId)), "when Cluster:Membership is AdoNet");
        }

        if (options.UsesPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
            yield return SettingProblem.Missing(Key(nameof(options.ConnectionString)), "when Cluster:Membership or Cluster:Storage is AdoNet");
        if (options.SiloPort == options.GatewayPort)
            yield return SettingProblem.Invalid(Key(nameof(options.GatewayPort)), options.GatewayPort.ToString(CultureInfo.InvariantCulture), "a port other than Cluster:SiloPort");
        if (!options.HasValidAdvertisedAddress)
            yield return SettingProblem.Invalid(Key(nameof(options.AdvertisedAddress)), options.AdvertisedAddress, "an IP address, or auto");
    }
}
