using System.Security.Cryptography;
using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Chat;
using Grains.Chat.Members;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grains.Payments.RedPackets;

/// <summary>
/// A red packet. It orchestrates: <see cref="RedPacketSplitter"/> fixes the shares at creation, <see cref="ClaimBatcher"/>
/// stores claims in order, and the escrow pays share k with nonce k, so however often a payout is signed again (after
/// a crash) only one can ever be mined. Reentrant, so a thousand claims wait on one store write, not a thousand.
/// </summary>
[Reentrant]
public sealed class RedPacketGrain(
    [PersistentState("red-packet", StorageNames.State)] IPersistentState<RedPacketState> state,
    IRedPacketStore store,
    WalletKeyCipher cipher,
    IOptions<PaymentOptions> payments,
    IOptions<ChainOptions> chain,
    TimeProvider clock,
    ILogger<RedPacketGrain> logger) : Grain, IRedPacketGrain, IRemindable
{
    private const string Reminder = "red-packet";
    private const int PayoutBatch = 500;
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, RedPacketClaim> _claims = new(StringComparer.Ordinal);
    /// <summary>Claims under way, by member: a second claim of the same member (a client's retry) waits for the first's outcome.</summary>
    private readonly Dictionary<string, Task<RedPacketClaimView>> _claiming = new(StringComparer.Ordinal);
    private ClaimBatcher _batcher = null!;
    private Task? _payouts;
    private IGrainTimer? _timer;

    private string PacketId => this.GetPrimaryKeyString();
    private RedPacketOrder Order => state.State.Order ?? throw RedPacketRefusals.NotFound();
    private string WalletId => WalletIds.ForPacket(PacketId);
    private string Escrow => Address.FromPublicKey(state.State.PublicKey);
    private IChainNodeGrain Node => GrainFactory.GetGrain<IChainNodeGrain>(payments.Value.PaymentsNode);
    private int ConfirmationsRequired => payments.Value.PaymentConfirmations ?? 1;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        logger.LogDebug("Red packet {Packet} activated on this silo", PacketId);
        if (state.State.Order is not { } order)
            return;
        _batcher = new ClaimBatcher(store, PacketId, Shares(order), clock);
        foreach (var claim in await store.LoadClaimsAsync(PacketId, cancellationToken))
            _claims[claim.UserId] = claim;
        _batcher.Restore(_claims.Count);
        if (state.State.Status is RedPacketStatus.Funding or RedPacketStatus.Open or RedPacketStatus.Finished or RedPacketStatus.Expired)
            await WatchAsync();
    }

    public async Task<RedPacketView> CreateAsync(RedPacketOrder order, int shardCount)
    {
        if (state.State.Order is not null)
            return await ViewAsync();

        var (privateKey, publicKey) = TransactionSigner.CreateKeyPair();
        var now = clock.GetUtcNow();
        var fee = (await Node.GetSummaryAsync()).MinFee;
        var sender = GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForUser(order.SenderId));
        var escrow = Address.FromPublicKey(publicKey);

        // Fees for every payout and the refund come with the funding: the escrow never runs short of them.
        var receipt = await sender.PayAsync(new PaymentOrder(escrow, PaymentRules.Plus(order.Total, PaymentRules.Times(fee, order.Count + 1)), PaymentMemo.Packet(PacketId).Memo, "packet:" + PacketId));
        state.State = new RedPacketState
        {
            Order = order,
            ShardCount = shardCount,
            Seed = RandomNumberGenerator.GetBytes(RedPacketSplitter.SeedBytes),
            SealedKey = cipher.Protect(privateKey, WalletId),
            PublicKey = publicKey,
            FeePerPayout = fee,
            FundingTransactionId = receipt.TransactionId,
            Status = RedPacketStatus.Funding,
            CreatedAt = now,
            ExpiresAt = now + order.ExpiresIn,
            SenderAddress = receipt.From,
        };
        CryptographicOperations.ZeroMemory(privateKey);
        await state.WriteStateAsync();
        _batcher = new ClaimBatcher(store, PacketId, Shares(order), clock);
        await WatchAsync();
        return await ViewAsync();
    }

    public async Task<RedPacketView> GetAsync(string viewerId)
    {
        _ = Order;
        if (viewerId != Order.SenderId)
            await RequireMemberAsync(viewerId);
        return await ViewAsync();
    }

    public async Task<RedPacketClaimView> ClaimAsync(string groupId, string userId, string username)
    {
        if (Order.GroupId != groupId)
            throw RedPacketRefusals.NotFound();
        if (_claims.ContainsKey(userId))
            throw RedPacketRefusals.AlreadyClaimed();
        // Membership before anything about the packet's state: a stranger learns nothing but 403.
        await RequireMemberAsync(userId);
        if (_claims.ContainsKey(userId))
            throw RedPacketRefusals.AlreadyClaimed();
        ThrowIfClosed();
        // A retry while the first claim still waits on the store learns that claim's outcome: "already claimed" here
        // would be a lie if the first one then fails.
        if (_claiming.TryGetValue(userId, out var running))
            return await running;
        var claiming = ClaimNowAsync(userId, username);
        _claiming[userId] = claiming;
        try
        {
            return await claiming;
        }
        finally
        {
            _claiming.Remove(userId);
        }
    }

    private async Task<RedPacketClaimView> ClaimNowAsync(string userId, string username)
    {
        var address = (await GrainFactory.GetGrain<IWalletGrain>(WalletIds.ForUser(userId)).GetAsync()).Address;
        ThrowIfClosed();
        RedPacketClaim claim;
        try
        {
            claim = await _batcher.AddAsync(userId, username, address);
        }
        catch (Exception ex) when (ex is not DomainException { Kind: not ErrorKind.Unavailable })
        {
            // The store may hold that batch or not (a timeout after the commit): start again from what it holds.
            this.DeactivateOnIdle();
            throw;
        }

        _claims[userId] = claim;
        if (_claims.Count == Order.Count && state.State.Status == RedPacketStatus.Open)
        {
            state.State.Status = RedPacketStatus.Finished;
            await state.WriteStateAsync();
        }

        SchedulePayouts();
        return new RedPacketClaimView(userId, username, claim.Index, claim.Amount, claim.ClaimedAt, null, 0);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
            await WatchAsync();
    }

    private long[] Shares(RedPacketOrder order) => RedPacketSplitter.Split(order.Total, order.Count, order.Mode, state.State.Seed);

    private void ThrowIfClosed()
    {
        switch (state.State.Status)
        {
            case RedPacketStatus.Funding or RedPacketStatus.Failed:
                throw RedPacketRefusals.NotOpen();
            case RedPacketStatus.Expired:
                throw RedPacketRefusals.Expired();
            case RedPacketStatus.Finished:
                throw RedPacketRefusals.Exhausted();
        }

        if (clock.GetUtcNow() >= state.State.ExpiresAt)
            throw RedPacketRefusals.Expired();
        // Only stored claims count: a claim still waiting on the store may fail and leave its share free.
        if (_claims.Count >= Order.Count)
            throw RedPacketRefusals.Exhausted();
    }

    private async Task RequireMemberAsync(string userId)
    {
        var shard = GrainFactory.GetGrain<IMessageShardGrain>(ShardPicker.ShardOf(userId, state.State.ShardCount), Order.GroupId, null);
        if (await shard.GetMemberAsync(userId) is not null)
            return;
        throw await shard.IsBannedAsync(userId) ? MemberRefusals.Banned() : MemberRefusals.NotMember();
    }

    private async Task WatchAsync()
    {
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, CheckInterval) { KeepAlive = true, Interleave = true });
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private async Task StopWatchingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(Reminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    /// <summary>One look at the chain: opens a funded packet, pays what is claimed, refunds an expired one, then rests.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (state.State.Status)
            {
                case RedPacketStatus.Funding:
                    await CheckFundingAsync();
                    break;
                case RedPacketStatus.Open when clock.GetUtcNow() >= state.State.ExpiresAt && _batcher.Idle:
                    await ExpireAsync();
                    break;
                case RedPacketStatus.Open or RedPacketStatus.Finished or RedPacketStatus.Expired:
                    SchedulePayouts();
                    if (await SettledAsync())
                        await StopWatchingAsync();
                    break;
                default:
                    await StopWatchingAsync();
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Red packet {Packet}: check failed; trying again", PacketId);
        }
    }

    private async Task CheckFundingAsync()
    {
        TransactionStatus funding;
        try
        {
            funding = await Node.GetTransactionAsync(state.State.FundingTransactionId!);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.UnknownTransaction)
        {
            state.State.Status = RedPacketStatus.Failed;
            await state.WriteStateAsync();
            await StopWatchingAsync();
            return;
        }

        if ((funding.Confirmations ?? 0) < ConfirmationsRequired)
            return;
        state.State.MessageSeq = await GrainFactory.GetGrain<IGroupGrain>(Order.GroupId)
            .AnnounceRedPacketAsync(PacketId, Order.SenderId, Order.SenderName, Order.Greeting);
        state.State.Status = RedPacketStatus.Open;
        await state.WriteStateAsync();
    }

    /// <summary>Closes the packet and pays the rest back: the refund is the escrow's transaction after the last payout.</summary>
    private async Task ExpireAsync()
    {
        // What nobody claimed, and the fees set aside for payouts that will never be made.
        var claimed = _claims.Values.Sum(c => c.Amount);
        var rest = Order.Total - claimed + (state.State.FeePerPayout * (Order.Count - _claims.Count));
        state.State.Status = RedPacketStatus.Expired;
        if (rest > 0 && state.State.Refund is null)
        {
            var refund = Sign(state.State.SenderAddress, rest, nonce: _claims.Count, PaymentMemo.Refund(PacketId).Memo);
            state.State.Refund = ChainViews.ToData(refund);
            state.State.RefundTransactionId = refund.Id.ToString();
        }

        await state.WriteStateAsync();
        SchedulePayouts();
    }

    /// <summary>True when every payout (and the refund) is confirmed: nothing left to watch.</summary>
    private async Task<bool> SettledAsync()
    {
        if (state.State.Status == RedPacketStatus.Open)
            return false;
        var account = await Node.GetAccountAsync(Escrow);
        var transactions = _claims.Count + (state.State.Refund is null ? 0 : 1);
        return account.ConfirmedBalance == account.PendingBalance && account.NextNonce >= transactions && _batcher.Idle;
    }

    private void SchedulePayouts()
    {
        if (_payouts is null || _payouts.IsCompleted)
            _payouts = PayOutAsync();
    }

    /// <summary>Sends every claimed share not yet on the chain or in the mempool (then the refund), in nonce order, in batches.</summary>
    private async Task PayOutAsync()
    {
        try
        {
            while (true)
            {
                var next = (await Node.GetAccountAsync(Escrow)).NextNonce;
                var due = _claims.Values.Where(c => c.Index >= next).OrderBy(c => c.Index).Take(PayoutBatch).ToList();
                var batch = due.TakeWhile((c, i) => c.Index == next + i)
                    .Select(c => ChainViews.ToData(Sign(c.Address, c.Amount, c.Index, PaymentMemo.Payout(PacketId, c.UserId).Memo)))
                    .ToList();
                if (batch.Count == 0 && state.State.Refund is { } refund && next == refund.Nonce)
                    batch.Add(refund);
                if (batch.Count == 0)
                    return;
                await Node.SubmitTransactionsAsync(batch);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next check sends again from the escrow's next nonce: nothing is paid twice.
            logger.LogWarning(ex, "Red packet {Packet}: sending payouts failed; the next check retries", PacketId);
        }
    }

    private Transaction Sign(string to, long amount, long nonce, string memo)
    {
        var key = cipher.Unprotect(state.State.SealedKey, WalletId);
        try
        {
            return TransactionSigner.Sign(chain.Value.NetworkId, to, amount, state.State.FeePerPayout, nonce, key, memo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private async Task<RedPacketView> ViewAsync()
    {
        var order = Order;
        // Share k is paid with the escrow's nonce k: one lookup by nonce finds every payout, however many.
        var payouts = _claims.Count == 0 ? new Dictionary<long, TransactionStatus>() : await Node.GetSentAsync(Escrow, 0, _claims.Count);

        var claims = _claims.Values.OrderBy(c => c.Index)
            .Select(c => new RedPacketClaimView(c.UserId, c.Username, c.Index, c.Amount, c.ClaimedAt,
                payouts.TryGetValue(c.Index, out var tx) ? tx.Id : null, payouts.TryGetValue(c.Index, out var paid) ? paid.Confirmations ?? 0 : 0))
            .ToArray();
        var closed = state.State.Status is RedPacketStatus.Finished or RedPacketStatus.Expired or RedPacketStatus.Failed;
        return new RedPacketView(PacketId, order.GroupId, order.SenderId, order.SenderName, order.Total, order.Count, order.Mode, order.Greeting,
            state.State.Status, state.State.FundingTransactionId, state.State.CreatedAt, state.State.ExpiresAt, claims.Length, claims.Sum(c => c.Amount), claims,
            state.State.Refund?.Amount, state.State.RefundTransactionId, closed ? Convert.ToHexStringLower(state.State.Seed) : null, Escrow, state.State.MessageSeq);
    }
}
