using Microsoft.Extensions.Hosting;
using Silo.Hosting;

namespace Grains.Tests.Hosting;

public sealed class KubernetesHostingTests
{
    private static readonly Func<string, string?> InAPod = name => name == "KUBERNETES_SERVICE_HOST" ? "10.96.0.1" : null;
    private static readonly Func<string, string?> Elsewhere = _ => null;

    [Fact]
    public void Unset_it_follows_whether_the_process_runs_in_a_pod_and_the_setting_overrides_that()
    {
        Assert.True(new ClusterHostOptions().UsesKubernetesHosting(InAPod));
        Assert.False(new ClusterHostOptions().UsesKubernetesHosting(Elsewhere));
        Assert.False(new ClusterHostOptions { KubernetesHosting = false }.UsesKubernetesHosting(InAPod));
        Assert.True(new ClusterHostOptions { KubernetesHosting = true }.UsesKubernetesHosting(Elsewhere));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_silo_on_PostgreSQL_membership_gets_Orleans_Kubernetes_agent_only_when_hosting_is_on(bool hosting, bool expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.ConfigureClusterSilo(new ClusterHostOptions
        {
            Membership = ClusteringMode.AdoNet,
            Storage = StorageMode.AdoNet,
            ConnectionString = "Host=127.0.0.1;Database=unused",
            KubernetesHosting = hosting,
        }));

        Assert.Equal(expected, builder.Services.Any(d => d.ImplementationType?.Name == "KubernetesClusterAgent"));
    }
}
