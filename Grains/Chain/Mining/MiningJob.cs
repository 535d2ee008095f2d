using Grains.Interfaces.Chain;

namespace Grains.Chain.Mining;

/// <summary>
/// One run of the node's miner: <see cref="Stop"/> cancels its workers, <see cref="Done"/> answers everyone
/// waiting for its block (a job restarted on a new tip keeps the same one), <see cref="Continuous"/> says it
/// runs for the background switch rather than for a request.
/// </summary>
public sealed record MiningJob(long Id, CancellationTokenSource Stop, TaskCompletionSource<BlockInfo> Done, string RewardAddress, bool Continuous);
