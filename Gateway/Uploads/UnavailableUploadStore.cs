using Grains.Interfaces.Errors;
using Grains.Storage;

namespace Gateway.Uploads;

/// <summary>
/// The upload store of a gateway in client mode over a cluster that keeps its state in memory: each silo process
/// has its own memory, so there is nowhere to put bytes the silos could read. Every use is a 503 that says so.
/// </summary>
public sealed class UnavailableUploadStore : IUploadStore
{
    public Task<IUploadWriter> BeginAsync(string uploadId, CancellationToken cancellationToken) => throw Unavailable();

    public Task<UploadRecord?> GetAsync(string uploadId, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<byte[]> ReadChunkAsync(string uploadId, int index, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task AddPostAsync(string uploadId, string groupId) => throw Unavailable();

    public Task<IReadOnlyList<string>> GetPostGroupsAsync(string uploadId, int limit, CancellationToken cancellationToken = default) => throw Unavailable();

    public Task<UploadUsage> GetUsageSinceAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken = default) => throw Unavailable();

    private static DomainException Unavailable() => DomainException.Unavailable(ErrorCodes.UploadsUnavailable,
        "Uploads need the cluster's PostgreSQL (Cluster:Storage AdoNet); this gateway's cluster keeps its state in memory.", TimeSpan.FromHours(1));
}
