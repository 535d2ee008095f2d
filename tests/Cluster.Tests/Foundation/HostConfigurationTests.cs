using Cluster.Tests.Infrastructure;
using TestSupport;

namespace Cluster.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class HostConfigurationTests
{
    [Fact]
    public void Silo_in_AdoNet_mode_without_ClusterId_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ServiceId"] = "svc",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running without a ClusterId");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Cluster:ClusterId", silo.Output);
        Assert.Contains("Cluster__ClusterId", silo.Output);
    }

    [Fact]
    public void Silo_in_AdoNet_mode_without_a_connection_string_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__ClusterId"] = "c1",
            ["Cluster__ServiceId"] = "svc",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running without a connection string");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres", silo.Output);
    }

    [Fact]
    public void Silo_with_an_unknown_membership_mode_exits_naming_the_setting()
    {
        using var silo = HostProcess.Start("Silo", FreePort.Next(), new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "Zookeeper",
        });

        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo kept running with a bad membership mode");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Cluster", silo.Output);
        Assert.Contains("Membership", silo.Output);
    }
}
