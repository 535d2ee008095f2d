namespace Silo.Hosting;

/// <summary>Where grain state and the append-only tables (messages, blocks) live.</summary>
public enum StorageMode
{
    /// <summary>In process memory: lost when the process stops.</summary>
    Memory,

    /// <summary>PostgreSQL: Orleans ADO.NET grain storage plus the project's own tables.</summary>
    AdoNet,
}
