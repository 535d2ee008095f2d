using Grains.Chain.Model;

namespace Grains.Chain.Mining;

/// <summary>
/// Finds a proof for a header template on worker threads, never on a grain's turn. Each core takes
/// its own high nonce word and sweeps the low word in slices, checking for cancellation between
/// slices; the first core to find a proof stops the others.
/// </summary>
public static class Miner
{
    private const uint Slice = 1 << 18;

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
