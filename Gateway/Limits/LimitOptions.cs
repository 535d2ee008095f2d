using System.ComponentModel.DataAnnotations;

namespace Gateway.Limits;

/// <summary>
/// Settings under <c>Limits</c> (environment: <c>Limits__GroupsPerAccount</c> …): how much one account or one client
/// address may create or ask for. Counts that must hold across gateways live in grains; request rates are per gateway.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Groups one account may own (403 <c>group_quota_exceeded</c> beyond).</summary>
    [Range(1, int.MaxValue)]
    public int GroupsPerAccount { get; set; } = 100;

    /// <summary>Groups one account may create per minute (429 beyond).</summary>
    [Range(1, int.MaxValue)]
    public int GroupCreationsPerMinute { get; set; } = 10;

    /// <summary>Chain nodes one account may create (403 <c>node_quota_exceeded</c> beyond).</summary>
    [Range(1, int.MaxValue)]
    public int NodesPerAccount { get; set; } = 10;

    /// <summary>Chain nodes created anonymously (tutorial routes) per client address per hour (429 <c>node_creation_limited</c> beyond).</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousNodesPerHour { get; set; } = 20;

    /// <summary>Mine requests per client (account, else address) per minute (429 beyond).</summary>
    [Range(1, int.MaxValue)]
    public int MineRequestsPerMinute { get; set; } = 60;
}
