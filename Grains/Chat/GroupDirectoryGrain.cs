using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Orleans.Concurrency;

namespace Grains.Chat;

[StatelessWorker]
public sealed class GroupDirectoryGrain(IGroupDirectory directory) : Grain, IGroupDirectoryGrain
{
    public const int MaxPage = 100;

    public Task<GroupDirectoryPage> SearchAsync(string? query, string? cursor, int limit)
    {
        if (limit is < 1 or > MaxPage)
            throw DomainException.Invalid(ErrorCodes.LimitInvalid, $"limit must be between 1 and {MaxPage}.");
        if (query is { Length: > 100 })
            throw DomainException.Invalid(ErrorCodes.QueryTooLong, "q is at most 100 characters.");
        return directory.SearchAsync(string.IsNullOrWhiteSpace(query) ? null : query.Trim(), cursor, limit);
    }
}
