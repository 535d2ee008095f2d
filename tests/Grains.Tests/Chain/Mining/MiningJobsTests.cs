using Grains.Chain;
using Grains.Chain.Mining;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Chain.Mining;

public sealed class MiningJobsTests
{
    private readonly List<MiningJob> _launched = [];
    private readonly MiningJobs _jobs;

    public MiningJobsTests() => _jobs = new MiningJobs(_launched.Add);

    [Fact]
    public void A_mine_request_joins_the_running_job_instead_of_starting_another()
    {
        var first = _jobs.Join("alice");
        var second = _jobs.Join("bob");

        Assert.Same(first, second);
        Assert.Single(_launched);
        Assert.True(_jobs.IsRunning);
        Assert.False(first.Continuous);
    }

    [Fact]
    public void Once_a_job_has_answered_the_next_request_starts_a_new_one()
    {
        var first = _jobs.Join("alice");
        _jobs.Judged(_jobs.Detach(first.Id)!, Block(1), refused: null, keepMiningTo: null);

        var second = _jobs.Join("bob");

        Assert.NotSame(first, second);
        Assert.Equal(["alice", "bob"], _launched.Select(j => j.RewardAddress));
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public void A_moved_tip_cancels_the_workers_and_starts_again_for_the_same_waiters()
    {
        var first = _jobs.Join("alice");

        _jobs.Restart();

        Assert.True(first.Stop.IsCancellationRequested);
        Assert.Equal(2, _launched.Count);
        Assert.Same(first.Done, _launched[1].Done);
        Assert.Equal(("alice", false), (_launched[1].RewardAddress, _launched[1].Continuous));
        Assert.Same(_launched[1], _jobs.Current);
    }

    [Fact]
    public void Without_a_job_a_moved_tip_starts_nothing()
    {
        _jobs.Restart();

        Assert.Empty(_launched);
        Assert.False(_jobs.IsRunning);
    }

    [Fact]
    public void Switching_continuous_mining_off_stops_a_background_job_but_not_one_a_request_waits_for()
    {
        _jobs.KeepMining("node");
        var background = _jobs.Current!;
        _jobs.KeepMining("node");
        Assert.Single(_launched);

        _jobs.StopContinuous();

        Assert.True(background.Stop.IsCancellationRequested);
        Assert.Equal("mining_stopped", Assert.IsType<DomainException>(background.Done.Task.Exception!.InnerException).Code);
        Assert.Null(_jobs.Current);

        var requested = _jobs.Join("alice");
        _jobs.StopContinuous();
        Assert.Same(requested, _jobs.Current);
        Assert.False(requested.Stop.IsCancellationRequested);
    }

    [Fact]
    public void Only_the_current_job_can_hand_in_a_block()
    {
        var stale = _jobs.Join("alice");
        _jobs.Restart();

        Assert.Null(_jobs.Detach(stale.Id));
        Assert.Same(_launched[1], _jobs.Detach(_launched[1].Id));
        Assert.Null(_jobs.Current);
    }

    [Fact]
    public async Task An_adopted_block_answers_the_waiters_and_continuous_mining_goes_on_with_a_new_job()
    {
        var job = _jobs.Join("alice");
        var block = Block(7);

        _jobs.Judged(_jobs.Detach(job.Id)!, block, refused: null, keepMiningTo: "node");

        Assert.Same(block, await job.Done.Task);
        Assert.Equal(("node", true), (_jobs.Current!.RewardAddress, _jobs.Current.Continuous));
        Assert.NotSame(job.Done, _jobs.Current.Done);
    }

    [Fact]
    public async Task A_block_beaten_by_a_peer_is_mined_again_for_the_same_waiters()
    {
        var job = _jobs.Join("alice");

        _jobs.Judged(_jobs.Detach(job.Id)!, adopted: null, refused: null, keepMiningTo: "node");

        Assert.Same(job.Done, _jobs.Current!.Done);
        Assert.Equal("alice", _jobs.Current.RewardAddress);
        Assert.False(job.Done.Task.IsCompleted);
        _jobs.Judged(_jobs.Detach(_jobs.Current.Id)!, Block(2), refused: null, keepMiningTo: null);
        Assert.Equal(2, (await job.Done.Task).Height);
    }

    [Fact]
    public void A_block_the_node_refuses_tells_the_waiters_which_rule_it_broke()
    {
        var job = _jobs.Join("alice");

        _jobs.Judged(_jobs.Detach(job.Id)!, adopted: null, new RuleViolation("proof_of_work", "no proof"), keepMiningTo: null);

        var refusal = Assert.IsType<DomainException>(job.Done.Task.Exception!.InnerException);
        Assert.Equal((ErrorKind.Conflict, "mined_block_refused"), (refusal.Kind, refusal.Code));
        Assert.Contains("proof_of_work", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stopping_cancels_the_workers_and_gives_the_waiters_the_reason()
    {
        var job = _jobs.Join("alice");
        var reason = DomainException.Unavailable("node_deactivated", "gone", TimeSpan.FromSeconds(1));

        _jobs.Stop(reason);

        Assert.True(job.Stop.IsCancellationRequested);
        Assert.Same(reason, job.Done.Task.Exception!.InnerException);
        Assert.Null(_jobs.Current);
    }

    private static BlockInfo Block(long height) =>
        new(new string('a', 64), height, 1, new string('0', 64), new string('0', 64), 0, "207fffff", 0, 0, []);
}
