using Gateway.Auth;
using Silo.Hosting;
using Silo.Hosting.Settings;

namespace Gateway.Hosting;

/// <summary>
/// What the <c>Gateway</c> settings require, of themselves and of other sections: a gateway in Client mode finds
/// silos through the PostgreSQL membership table and must check tokens with the key every other gateway uses.
/// </summary>
public sealed class GatewayRules(IConfiguration configuration) : SettingsRules<GatewayOptions>(GatewayOptions.Section)
{
    private const string ClientMode = "when Gateway:Mode is Client";

    protected override IEnumerable<SettingProblem> Check(GatewayOptions options)
    {
        var unparsable = ForwardedHeadersSetup.Unparsable(options.KnownProxies).ToList();
        if (unparsable.Count > 0)
            yield return SettingProblem.Invalid(Key(nameof(options.KnownProxies)), options.KnownProxies,
                $"IP addresses or CIDR networks, comma-separated (not {string.Join(", ", unparsable.Select(e => $"'{e}'"))})");

        if (options.Mode != GatewayMode.Client)
            yield break;

        // The other sections as configured; their own problems (a misspelt mode) are reported by their own rules.
        var cluster = ClusterHostOptions.Read(configuration);
        const string membership = ClusterHostOptions.Section + ":" + nameof(ClusterHostOptions.Membership);
        if (cluster.Membership != ClusteringMode.AdoNet)
            yield return SettingProblem.Invalid(membership, configuration[membership] ?? cluster.Membership.ToString(), $"AdoNet {ClientMode}");
        if (string.IsNullOrWhiteSpace(cluster.ConnectionString))
            yield return SettingProblem.Missing("ConnectionStrings:" + ClusterHostOptions.ConnectionStringName, ClientMode);
        if (string.IsNullOrEmpty(configuration.ReadSettings<AuthOptions>(AuthOptions.Section).SigningKey))
            yield return SettingProblem.Missing(AuthOptions.Section + ":" + nameof(AuthOptions.SigningKey),
                $"{ClientMode}: every gateway must check tokens with the same key (at least {AuthOptions.MinKeyBytes} bytes)");
    }
}
