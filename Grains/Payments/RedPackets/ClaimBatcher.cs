using Grains.Storage;

namespace Grains.Payments.RedPackets;

/// <summary>
/// Turns concurrent claims into few store writes: claims that arrive while a write is under way wait and go in the next
/// one. Indices are given out only when a batch is written, in order, and only advance when the write succeeded, so
/// the stored indices (the payout nonces) have no gap. A claim is told the packet is exhausted only when stored
/// claims have taken every share. Not thread-safe: it lives in one grain's turns.
/// </summary>
public sealed class ClaimBatcher(IRedPacketStore store, string packetId, long[] shares, TimeProvider clock)
{
    private readonly List<(string UserId, string Username, string Address, TaskCompletionSource<RedPacketClaim> Done)> _waiting = [];
    private bool _writing;

    /// <summary>Claims stored so far (and so the next index).</summary>
    public int Stored { get; private set; }

    public int Waiting => _waiting.Count;

    public bool Idle => !_writing && _waiting.Count == 0;

    /// <summary>Index and amount are those of the share the claim got; the task ends once the claim is stored.</summary>
    public Task<RedPacketClaim> AddAsync(string userId, string username, string address)
    {
        var done = new TaskCompletionSource<RedPacketClaim>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((userId, username, address, done));
        if (!_writing)
            _ = WriteAsync();
        return done.Task;
    }

    public void Restore(int stored) => Stored = stored;

    private async Task WriteAsync()
    {
        _writing = true;
        try
        {
            while (_waiting.Count > 0)
            {
                var batch = _waiting.ToList();
                _waiting.Clear();
                var fits = batch.Take(Math.Max(0, shares.Length - Stored)).ToList();
                var late = batch.Skip(fits.Count).ToList();
                if (fits.Count == 0)
                {
                    foreach (var claim in late)
                        claim.Done.TrySetException(RedPacketRefusals.Exhausted());
                    continue;
                }

                var now = clock.GetUtcNow();
                var claims = fits.Select((c, i) => new RedPacketClaim(packetId, Stored + i, c.UserId, c.Username, c.Address, shares[Stored + i], now)).ToList();
                try
                {
                    await store.AppendClaimsAsync(claims);
                }
                catch (Exception ex)
                {
                    // The shares the others would have lost to are still free: nobody may be told they are gone.
                    foreach (var claim in batch)
                        claim.Done.TrySetException(ex);
                    continue;
                }

                Stored += claims.Count;
                for (var i = 0; i < fits.Count; i++)
                    fits[i].Done.TrySetResult(claims[i]);
                foreach (var claim in late)
                    claim.Done.TrySetException(RedPacketRefusals.Exhausted());
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
