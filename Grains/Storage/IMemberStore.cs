namespace Grains.Storage;

/// <summary>
/// Group members as rows, so a join writes one row instead of rewriting a growing member list;
/// a shard loads its slice on activation.
/// </summary>
public interface IMemberStore
{
    Task<IReadOnlyList<MemberRecord>> LoadShardAsync(string groupId, int shard);

    Task UpsertAsync(IReadOnlyList<MemberRecord> members);

    Task DeleteAsync(string groupId, IReadOnlyList<string> userIds);
}
