namespace Grains.Chat;

/// <summary>The groups one user belongs to (group id -> the shard holding the user's row).</summary>
[GenerateSerializer, Alias("Chat.MemberState")]
public sealed class MemberState
{
    [Id(0)] public Dictionary<string, int> Groups { get; set; } = new(StringComparer.Ordinal);
}
