using Grains.Chain.Model;
using Grains.Interfaces.Errors;
using Microsoft.Extensions.Logging;

namespace Grains.Chain.Mining;

/// <summary>
/// Finds a proof for a header template on worker threads, never on a grain's turn. Each core takes
/// its own high nonce word and sweeps the low word in slices, checking for cancellation between
/// slices; the first core to find a proof stops the others.
/// </summary>
public static class Miner
{
    private const uint Slice = 1 << 18;

    /// <summary>
    /// Runs <paramref name="job"/> on worker threads, outside any grain turn: waits <paramref name="pause"/>, finds
    /// a proof for <paramref name="template"/> and hands the solved block to <paramref name="submit"/>, which takes it
    /// back to the node to be validated like any peer's block. Cancelling the job ends it quietly.
    /// </summary>
    public static void Run(MiningJob job, Block template, int cores, TimeSpan pause, Func<Block, Task> submit, ILogger logger, string nodeId) =>
        _ = Task.Run(async () =>
        {
            try
            {
                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause, job.Stop.Token);
                if (await FindProofAsync(template.Header, cores, job.Stop.Token) is { } found)
                    await submit(template.WithHeader(found));
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Miner of node {Node} failed", nodeId);
                job.Done.TrySetException(DomainException.Unavailable(ErrorCodes.MiningFailed, "the miner failed; try again", TimeSpan.FromSeconds(1)));
            }
        });

    public static async Task<BlockHeader?> FindProofAsync(BlockHeader template, int cores, CancellationToken cancellationToken)
    {
        cores = Math.Max(1, cores);
        var target = CompactTarget.ToHash(CompactTarget.Decode(template.Bits));
        var search = new NonceSearch(template);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var found = 0;
        ulong winner = 0;

        void Work(uint core)
        {
            for (var high = core; !stop.IsCancellationRequested; high += (uint)cores)
            {
                for (ulong low = 0; low < 1UL << 32 && !stop.IsCancellationRequested; low += Slice)
                {
                    if (search.TryFind(high, (uint)low, Slice, target, out var nonce))
                    {
                        if (Interlocked.Exchange(ref found, 1) == 0)
                        {
                            winner = nonce;
                            stop.Cancel();
                        }

                        return;
                    }
                }
            }
        }

        var workers = Enumerable.Range(0, cores)
            .Select(core => Task.Factory.StartNew(() => Work((uint)core), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return Volatile.Read(ref found) == 1 ? template with { Nonce = winner } : null;
    }
}
