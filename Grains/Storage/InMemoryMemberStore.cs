using System.Collections.Concurrent;

namespace Grains.Storage;

public sealed class InMemoryMemberStore : IMemberStore
{
    private readonly ConcurrentDictionary<(string Group, int Shard), ConcurrentDictionary<string, MemberRecord>> _shards = new();
    private readonly ConcurrentDictionary<(string Group, string User), int> _shardOf = new();

    public Task<IReadOnlyList<MemberRecord>> LoadShardAsync(string groupId, int shard) =>
        Task.FromResult<IReadOnlyList<MemberRecord>>(
            _shards.TryGetValue((groupId, shard), out var rows) ? rows.Values.ToArray() : []);

    public Task UpsertAsync(IReadOnlyList<MemberRecord> members)
    {
        foreach (var member in members)
        {
            _shards.GetOrAdd((member.GroupId, member.Shard), _ => new(StringComparer.Ordinal))[member.UserId] = member;
            _shardOf[(member.GroupId, member.UserId)] = member.Shard;
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string groupId, IReadOnlyList<string> userIds)
    {
        foreach (var user in userIds)
        {
            if (_shardOf.TryRemove((groupId, user), out var shard) && _shards.TryGetValue((groupId, shard), out var rows))
                rows.TryRemove(user, out _);
        }

        return Task.CompletedTask;
    }
}
