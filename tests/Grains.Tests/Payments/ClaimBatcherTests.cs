using Grains.Payments.RedPackets;
using Grains.Storage;
using Grains.Interfaces.Errors;

namespace Grains.Tests.Payments;

public sealed class ClaimBatcherTests
{
    private static readonly long[] Shares = [40, 30, 20, 10];

    [Fact]
    public async Task Concurrent_claims_take_the_shares_in_order_in_few_writes_and_the_rest_are_told_it_is_exhausted()
    {
        var store = new CountingStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var batcher = new ClaimBatcher(store, "p1", Shares, TimeProvider.System);
        // The first claim's write is held open while nine more arrive, as claims pile up in a grain behind a write.
        var claims = Enumerable.Range(0, 10).Select(i => batcher.AddAsync($"u{i}", $"U{i}", $"a{i}")).ToList();
        Assert.Equal(9, batcher.Waiting);
        store.Gate.SetResult();
        await Task.WhenAll(claims.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));

        var won = claims.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result).ToList();
        Assert.Equal([0, 1, 2, 3], won.Select(c => c.Index));
        Assert.Equal(Shares, won.Select(c => c.Amount));
        Assert.All(claims.Where(c => c.IsFaulted), c => Assert.Equal(ErrorCodes.PacketExhausted, Assert.IsType<DomainException>(c.Exception!.InnerException).Code));
        Assert.Equal(6, claims.Count(c => c.IsFaulted));
        Assert.Equal(2, store.Writes);
        Assert.Equal(4, batcher.Stored);
        Assert.True(batcher.Idle);
        Assert.Equal(won.Select(c => c.UserId), (await store.LoadClaimsAsync("p1")).Select(c => c.UserId));
    }

    [Fact]
    public async Task A_failed_write_gives_out_no_index_so_stored_indices_have_no_gap()
    {
        var store = new CountingStore { FailNext = true };
        var batcher = new ClaimBatcher(store, "p2", Shares, TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AddAsync("u0", "U0", "a0"));
        Assert.Equal(0, batcher.Stored);
        var next = await batcher.AddAsync("u1", "U1", "a1");
        Assert.Equal(0, next.Index);
        Assert.Equal(40, next.Amount);
    }

    [Fact]
    public async Task Claims_behind_a_failed_write_are_not_told_the_packet_is_exhausted()
    {
        var store = new CountingStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), FailWrite = 2 };
        var batcher = new ClaimBatcher(store, "p4", Shares, TimeProvider.System);
        var claims = Enumerable.Range(0, 10).Select(i => batcher.AddAsync($"u{i}", $"U{i}", $"a{i}")).ToList();
        store.Gate.SetResult();
        await Task.WhenAll(claims.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));

        // u0's write went through; the next (u1..u3, with u4..u9 behind it) failed: three shares are still free.
        Assert.True(claims[0].IsCompletedSuccessfully);
        Assert.All(claims.Skip(1), c => Assert.IsType<InvalidOperationException>(c.Exception!.InnerException));
        Assert.Equal(1, batcher.Stored);
        Assert.Equal(1, (await batcher.AddAsync("u9", "U9", "a9")).Index);
    }

    [Fact]
    public async Task A_restored_batcher_continues_after_the_claims_already_stored()
    {
        var store = new CountingStore();
        await new ClaimBatcher(store, "p3", Shares, TimeProvider.System).AddAsync("u0", "U0", "a0");
        var again = new ClaimBatcher(store, "p3", Shares, TimeProvider.System);
        again.Restore((await store.LoadClaimsAsync("p3")).Count);
        Assert.Equal(1, (await again.AddAsync("u1", "U1", "a1")).Index);
    }

    /// <summary>The memory store, counting writes, able to hold a write until the test opens its gate, and to fail once.</summary>
    private sealed class CountingStore : IRedPacketStore
    {
        private readonly InMemoryRedPacketStore _inner = new();

        public int Writes { get; private set; }

        public bool FailNext { get; set; }

        /// <summary>The write (counted from 1) that fails, if any.</summary>
        public int FailWrite { get; set; }

        public TaskCompletionSource? Gate { get; set; }

        public async Task AppendClaimsAsync(IReadOnlyList<RedPacketClaim> claims, CancellationToken cancellationToken = default)
        {
            Writes++;
            if (Gate is { } gate)
                await gate.Task;
            await Task.Yield();
            if (FailNext || Writes == FailWrite)
            {
                FailNext = false;
                throw new InvalidOperationException("the store is down");
            }

            await _inner.AppendClaimsAsync(claims, cancellationToken);
        }

        public Task<IReadOnlyList<RedPacketClaim>> LoadClaimsAsync(string packetId, CancellationToken cancellationToken = default) =>
            _inner.LoadClaimsAsync(packetId, cancellationToken);
    }
}
