using Grains.Chain.Consensus;
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
    private MiningJob? _job;
    private long _jobIds;

    public async Task<BlockInfo> MineAsync(string? rewardAddress)
    {
        if (rewardAddress is not null && (!Address.IsValid(rewardAddress) || rewardAddress == Address.Coinbase))
            throw DomainException.Invalid("bad_address", "minerAddress must be 40 lower-case hex digits, not the all-zero coinbase address");
        RequireCreated();

        // One miner per node: a request while one runs waits for the same block.
        var job = _job;
        if (job is null || job.Done.Task.IsCompleted)
            job = StartJob(rewardAddress ?? RewardAddress, NewCompletion(), continuous: false);
        try
        {
            return await job.Done.Task.WaitAsync(MineWait);
        }
        catch (TimeoutException)
        {
            throw DomainException.Unavailable("mining_slow", "no proof found yet; the node keeps mining, ask again", TimeSpan.FromSeconds(5));
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
        if (enabled && (_job is null || _job.Done.Task.IsCompleted))
            StartJob(RewardAddress, NewCompletion(), continuous: true);
        else if (!enabled && _job is { Continuous: true } job)
        {
            // A waiting mine request keeps its job; only a purely background job stops.
            _job = null;
            job.Stop.Cancel();
            job.Done.TrySetException(DomainException.Conflict("mining_stopped", "continuous mining was switched off"));
        }

        return Summary();
    }

    /// <summary>Activation already resumed continuous mining; the reminder only had to wake the node.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == KeepMiningReminder && _state.State.ContinuousMining && (_job is null || _job.Done.Task.IsCompleted))
            StartJob(RewardAddress, NewCompletion(), continuous: true);
        return Task.CompletedTask;
    }

    public async Task SubmitMinedBlockAsync(byte[] block, long jobId)
    {
        MiningJob? job = null;
        if (_job is { } current && current.Id == jobId)
        {
            job = current;
            _job = null; // detached, so the tip change below does not restart it
        }

        var mined = Block.Decode(block);
        var outcome = await AcceptBlocksAsync([mined], source: null);
        if (job is null)
            return;
        if (outcome.Violation is { } violation)
        {
            _logger.LogError("Node {Node} mined a block its own rules refuse: {Violation}", NodeId, violation);
            job.Done.TrySetException(DomainException.Conflict("mined_block_refused", violation.ToString()));
        }
        else if (_tree.Tip.Hash == mined.Hash)
        {
            job.Done.TrySetResult(ChainViews.ToInfo(mined));
            if (_state.State.ContinuousMining && _job is null)
                StartJob(RewardAddress, NewCompletion(), continuous: true);
            return;
        }

        // Beaten to this height by a peer's block: mine again on the new tip for whoever waits.
        if (_job is null)
            StartJob(job.RewardAddress, job.Done, job.Continuous);
    }

    private static TaskCompletionSource<BlockInfo> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MiningJob StartJob(string rewardAddress, TaskCompletionSource<BlockInfo> done, bool continuous)
    {
        var template = BuildTemplate(rewardAddress);
        var job = new MiningJob(++_jobIds, new CancellationTokenSource(), done, rewardAddress, continuous);
        _job = job;
        var self = this.AsReference<IChainNodeGrain>();
        var cores = Options.MiningCores;
        var pause = continuous ? TimeSpan.FromMilliseconds(Options.ContinuousMiningPauseMs) : TimeSpan.Zero;
        var logger = _logger;
        var node = NodeId;

        // The hashing runs on worker threads, outside any grain turn; the result comes back as a call.
        _ = Task.Run(async () =>
        {
            try
            {
                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause, job.Stop.Token);
                var header = await Miner.FindProofAsync(template.Header, cores, job.Stop.Token);
                if (header is { } found)
                    await self.SubmitMinedBlockAsync(template.WithHeader(found).Encode(), job.Id);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Miner of node {Node} failed", node);
                job.Done.TrySetException(DomainException.Unavailable("mining_failed", "the miner failed; try again", TimeSpan.FromSeconds(1)));
            }
        });
        return job;
    }

    /// <summary>A candidate block on the tip: coinbase first, then the mempool by fee within the size cap.</summary>
    private Block BuildTemplate(string rewardAddress)
    {
        var parent = _tree.Tip;
        var height = parent.Height + 1;
        var context = _tree.ContextFor(parent);
        var coinbaseSize = Transaction.Coinbase(_parameters.NetworkId, rewardAddress, long.MaxValue, height).EncodedSize;
        var selected = _mempool.SelectForBlock(_parameters.MaxBlockBytes - BlockHeader.Size - 4 - coinbaseSize);
        var fees = selected.Sum(t => t.Fee);
        var coinbase = Transaction.Coinbase(_parameters.NetworkId, rewardAddress, _parameters.BlockReward + fees, height);
        Transaction[] transactions = [coinbase, .. selected];
        var timestamp = Math.Max(Now.ToUnixTimeMilliseconds(), BlockValidator.MedianOf(context.RecentTimestamps) + 1);
        var header = new BlockHeader(BlockHeader.CurrentVersion, height, parent.Hash,
            MerkleTree.Root(transactions.Select(t => t.Id).ToArray()), timestamp, context.ExpectedBits, 0);
        return new Block(header, transactions);
    }

    /// <summary>The tip moved under a running job: its template is stale, so mine again on the new tip.</summary>
    private void RestartMining()
    {
        if (_job is not { } job)
            return;
        job.Stop.Cancel();
        StartJob(job.RewardAddress, job.Done, job.Continuous);
    }

    private void StopMining(Exception reason)
    {
        if (_job is not { } job)
            return;
        _job = null;
        job.Stop.Cancel();
        job.Done.TrySetException(reason);
    }

    private sealed record MiningJob(long Id, CancellationTokenSource Stop, TaskCompletionSource<BlockInfo> Done, string RewardAddress, bool Continuous);
}
