namespace Silo.Hosting.Dashboard;

/// <summary>Settings under <c>Dashboard</c>: the Orleans Dashboard at <see cref="Path"/>.</summary>
public sealed class ClusterDashboardOptions
{
    public const string Section = "Dashboard";
    public const string Path = "/dashboard";

    /// <summary>
    /// Serve the dashboard. Unset: on for the embedded gateway (a developer's machine), off for a cluster silo and a
    /// client gateway, because the dashboard has no sign-in of its own and shows grain state.
    /// </summary>
    public bool? Enabled { get; set; }
}
