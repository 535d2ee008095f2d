namespace Grains.Storage;

/// <summary>Names of the grain storage providers; every host registers each of them.</summary>
public static class StorageNames
{
    /// <summary>Small, bounded grain state: settings, slices, metadata.</summary>
    public const string State = "state";

    public static IReadOnlyList<string> All { get; } = [State];
}
