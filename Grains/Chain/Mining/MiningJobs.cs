using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Grains.Chain.Mining;

/// <summary>
/// The node's one mining job and its life: a mine request joins the running job or starts one, the continuous
/// switch keeps one going, a moved tip restarts it on the new tip for the same waiters, and the block it found
/// answers, fails or restarts it. Starting a job calls <c>launch</c>, where the node builds the template and
/// hands it to worker threads; this class only decides when.
/// </summary>
public sealed class MiningJobs(Action<MiningJob> launch)
{
    private long _ids;

    public MiningJob? Current { get; private set; }

    /// <summary>True while a job mines for someone: a waiting request or the continuous switch.</summary>
    public bool IsRunning => Current is { Done.Task.IsCompleted: false };

    /// <summary>A request for one block joins the running job, so a node never mines twice at once; otherwise it starts one.</summary>
    public MiningJob Join(string rewardAddress) => IsRunning ? Current! : Start(rewardAddress, NewCompletion(), continuous: false);

    /// <summary>Continuous mining: a background job unless one is running already.</summary>
    public void KeepMining(string rewardAddress)
    {
        if (!IsRunning)
            Start(rewardAddress, NewCompletion(), continuous: true);
    }

    /// <summary>Continuous mining switched off: a purely background job stops; a job a request waits for carries on.</summary>
    public void StopContinuous()
    {
        if (Current is not { Continuous: true } job)
            return;
        Current = null;
        job.Stop.Cancel();
        job.Done.TrySetException(DomainException.Conflict(ErrorCodes.MiningStopped, "continuous mining was switched off"));
    }

    /// <summary>The tip moved under the running job: its template is stale, so the same waiters get a job on the new tip.</summary>
    public void Restart()
    {
        if (Current is not { } job)
            return;
        job.Stop.Cancel();
        Start(job.RewardAddress, job.Done, job.Continuous);
    }

    /// <summary>Stops mining altogether (the node deactivates); whoever waits hears <paramref name="reason"/>.</summary>
    public void Stop(Exception reason)
    {
        if (Current is not { } job)
            return;
        Current = null;
        job.Stop.Cancel();
        job.Done.TrySetException(reason);
    }

    /// <summary>
    /// Takes out the job that found a block, so that adding the block (which moves the tip) does not restart it.
    /// Null when the block comes from a job that was restarted or stopped since.
    /// </summary>
    public MiningJob? Detach(long jobId)
    {
        if (Current is not { } job || job.Id != jobId)
            return null;
        Current = null;
        return job;
    }

    /// <summary>
    /// The node judged the block <paramref name="job"/> found. Adopted, it answers the waiters, and continuous mining
    /// (when <paramref name="keepMiningTo"/> names its address) goes on with a new job. Otherwise a peer's block beat it
    /// to the height, or the node refused it (the waiters hear why): either way the job mines again on the tip.
    /// </summary>
    public void Judged(MiningJob job, BlockInfo? adopted, RuleViolation? refused, string? keepMiningTo)
    {
        if (adopted is not null)
        {
            job.Done.TrySetResult(adopted);
            if (keepMiningTo is not null && Current is null)
                Start(keepMiningTo, NewCompletion(), continuous: true);
            return;
        }

        if (refused is not null)
            job.Done.TrySetException(DomainException.Conflict(ErrorCodes.MinedBlockRefused, refused.ToString()));
        if (Current is null)
            Start(job.RewardAddress, job.Done, job.Continuous);
    }

    private static TaskCompletionSource<BlockInfo> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MiningJob Start(string rewardAddress, TaskCompletionSource<BlockInfo> done, bool continuous)
    {
        var job = new MiningJob(++_ids, new CancellationTokenSource(), done, rewardAddress, continuous);
        Current = job;
        launch(job);
        return job;
    }
}
