namespace Cluster.Tests.Infrastructure;

/// <summary>Reads Orleans' membership table as deploy/sql defines it.</summary>
internal static class MembershipSql
{
    public const string ActiveSilos = "SELECT address, port FROM orleans_membership WHERE cluster_id = @cluster AND status = 3";
}
