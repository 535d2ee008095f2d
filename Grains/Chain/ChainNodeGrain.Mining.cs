using Grains.Chain.Mining;
using Grains.Chain.Model;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Grains.Chain;

public sealed partial class ChainNodeGrain
{
    private const string KeepMiningReminder = "keep-mining";
    private static readonly TimeSpan MineWait = TimeSpan.FromSeconds(25);

    public async Task<BlockInfo> MineAsync(string? rewardAddress)
    {
        if (rewardAddress is not null && (!Address.IsValid(rewardAddress) || rewardAddress == Address.Coinbase))
            throw DomainException.Invalid(ErrorCodes.BadAddress, "minerAddress must be 40 lower-case hex digits, not the all-zero coinbase address");
        RequireCreated();

        var job = _mining.Join(rewardAddress ?? RewardAddress);
        try
        {
            return await job.Done.Task.WaitAsync(MineWait);
        }
        catch (TimeoutException)
        {
            throw DomainException.Unavailable(ErrorCodes.MiningSlow, "no proof found yet; the node keeps mining, ask again", TimeSpan.FromSeconds(5));
        }
    }

    public async Task<NodeSummary> SetMiningAsync(string callerId, bool enabled)
    {
        RequireOwner(callerId);
        _state.State.ContinuousMining = enabled;
        await _state.WriteStateAsync();

        // A reminder brings a mining node back after its silo restarts, when nothing else would call it.
        if (enabled)
            await this.RegisterOrUpdateReminder(KeepMiningReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        else if (await this.GetReminder(KeepMiningReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        if (enabled)
            _mining.KeepMining(RewardAddress);
        else
            _mining.StopContinuous();

        return Summary();
    }

    /// <summary>Activation already resumed continuous mining; the reminder only had to wake the node.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == KeepMiningReminder && _state.State.ContinuousMining)
            _mining.KeepMining(RewardAddress);
        return Task.CompletedTask;
    }

    public async Task SubmitMinedBlockAsync(byte[] block, long jobId)
    {
        var job = _mining.Detach(jobId);
        var mined = Block.Decode(block);
        var outcome = await AcceptBlocksAsync([mined], source: null);
        if (job is null)
            return;
        if (outcome.Violation is { } violation)
            _logger.LogError("Node {Node} mined a block its own rules refuse: {Violation}", NodeId, violation);
        var adopted = outcome.Violation is null && _tree.Tip.Hash == mined.Hash ? ChainViews.ToInfo(mined) : null;
        _mining.Judged(job, adopted, outcome.Violation, _state.State.ContinuousMining ? RewardAddress : null);
    }

    /// <summary>Starts a job's workers on a template built now, on the current tip and mempool.</summary>
    private void Launch(MiningJob job)
    {
        var template = BlockTemplate.Build(_tree, _mempool, job.RewardAddress, Now.ToUnixTimeMilliseconds());
        var self = this.AsReference<IChainNodeGrain>();
        var pause = job.Continuous ? TimeSpan.FromMilliseconds(Options.ContinuousMiningPauseMs) : TimeSpan.Zero;
        Miner.Run(job, template, Options.MiningCores, pause, found => self.SubmitMinedBlockAsync(found.Encode(), job.Id), _logger, NodeId);
    }
}
