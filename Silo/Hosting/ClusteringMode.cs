namespace Silo.Hosting;

/// <summary>How silos find each other (and how clients find silos).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine, no database: development and embedded mode.</summary>
    Localhost,

    /// <summary>Membership table in PostgreSQL through Orleans' ADO.NET provider.</summary>
    AdoNet,
}
