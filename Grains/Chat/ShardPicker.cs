namespace Grains.Chat;

/// <summary>
/// Which shard holds a user's row: FNV-1a of the user id, stable across processes and restarts
/// (string.GetHashCode is randomised per process, so it cannot be used).
/// </summary>
public static class ShardPicker
{
    public const int DefaultShardCount = 16;
    public const int MaxShardCount = 256;

    public static int ShardOf(string userId, int shardCount)
    {
        uint hash = 2166136261;
        foreach (var c in userId)
        {
            hash ^= c;
            hash *= 16777619;
        }

        return (int)(hash % (uint)shardCount);
    }
}
