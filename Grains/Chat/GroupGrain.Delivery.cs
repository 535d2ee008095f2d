using Grains.Chat.Delivery;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Grains.Chat;

public sealed partial class GroupGrain
{
    private readonly HashSet<int> _liveShards = [];
    private Task? _liveShardsDiscovered;
    private bool _flushScheduled;

    public Task ShardLiveChangedAsync(int shard, bool live)
    {
        if (live)
            _liveShards.Add(shard);
        else
            _liveShards.Remove(shard);
        return Task.CompletedTask;
    }

    /// <summary>A note for one member's live connections only (tips, answers, the welcome): never stored, so a failed push is only logged.</summary>
    private Task SendPrivateAsync(string userId, string text) =>
        SendPrivateAsync(userId, new ChatMessage(Id, 0, ChatEventKinds.Private, null, null, MessageTypes.Text, text, null, null, null, null, StoredTime.Now(clock)));

    private async Task SendPrivateAsync(string userId, ChatMessage note)
    {
        try
        {
            await ShardOf(userId).SendPrivateAsync(userId, note);
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            logger.LogWarning(ex, "Group {Group}: private note to {User} not pushed", Id, userId);
        }
    }

    /// <summary>
    /// Stores the message (the caller has just taken its sequence number) and publishes it in order. Returns what
    /// is stored: the message, or the first one with the same sender and client id, which the store found.
    /// </summary>
    private async Task<ChatMessage> StoreAndPublishAsync(ChatMessage message)
    {
        ChatMessage stored;
        try
        {
            stored = await messages.AppendAsync(message);
        }
        catch (SequenceConflictException)
        {
            // Another activation of this group wrote this sequence number (a silo died a moment ago):
            // continue after what is stored, and let the poster retry with the same client_id.
            Committed(message.Seq, null);
            _window.SkipTo(await messages.GetLastSeqAsync(Id));
            ScheduleFlush();
            throw DomainException.Unavailable(ErrorCodes.SequenceConflict, "The group moved to another silo; retry with the same client_id.", TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            // The number stays with this message: it is stored again until the store takes it, so no hole is left.
            logger.LogWarning(ex, "Group {Group}: storing message {Seq} failed; it keeps its number and is stored again shortly", Id, message.Seq);
            _ = _unstored.Park(message);
            _repairTimer ??= this.RegisterGrainTimer(StoreUnstoredAsync, new GrainTimerCreationOptions(RepairInterval, RepairInterval) { KeepAlive = true });
            throw StoreUnavailable();
        }

        if (stored.Seq != message.Seq)
        {
            // The same post was stored before under another number (by another activation): ours holds nothing and
            // is given back, so the sequence keeps no hole.
            _window.Release(message.Seq);
            return stored;
        }

        Committed(message.Seq, stored);
        return stored;
    }

    private static readonly TimeSpan RepairInterval = TimeSpan.FromSeconds(1);
    private readonly UnstoredMessages _unstored = new();
    private IGrainTimer? _repairTimer;

    private static DomainException StoreUnavailable() =>
        DomainException.Unavailable(ErrorCodes.StoreUnavailable, "The message could not be stored yet; retry with the same client_id.", TimeSpan.FromSeconds(2));

    /// <summary>
    /// The outcome of a post already made with this client id; while the group's parked messages wait for the store,
    /// that outcome is not known yet (503, retry later).
    /// </summary>
    private Task<ChatMessage> FirstOutcome(Task<ChatMessage> first) =>
        !first.IsCompleted && !_unstored.IsEmpty ? throw StoreUnavailable() : first;

    /// <summary>After a failed store: a parked message's later outcome becomes this client id's; otherwise the id is free again.</summary>
    private void RememberOrForget(string senderId, string clientId, ChatMessage? message)
    {
        if (message is not null && _unstored.TryGet(message.Seq, out var later))
            _recent.Remember(senderId, clientId, later);
        else
            _recent.Forget(senderId, clientId);
    }

    /// <summary>The next sequence number, unless messages still wait for theirs to be stored (then 503: nothing was taken).</summary>
    private long NextSeq() => _unstored.IsEmpty ? _window.Assign() : throw StoreUnavailable();

    /// <summary>Stores the parked messages in number order, as far as the store lets it; stops the timer when none is left.</summary>
    private async Task StoreUnstoredAsync(CancellationToken cancellationToken)
    {
        while (_unstored.Next is { } message)
        {
            ChatMessage stored;
            try
            {
                stored = await messages.AppendAsync(message);
            }
            catch (SequenceConflictException conflict)
            {
                // Another activation numbered this one (the group moved): that row fills the number, ours is not stored.
                _unstored.Lost(message.Seq, DomainException.Unavailable(ErrorCodes.SequenceConflict, "The group moved to another silo; retry with the same client_id.", TimeSpan.FromSeconds(1)));
                logger.LogWarning(conflict, "Group {Group}: message {Seq} was numbered by another activation", Id, message.Seq);
                Committed(message.Seq, null);
                continue;
            }
            catch (Exception ex) when (ex is not DomainException)
            {
                logger.LogDebug(ex, "Group {Group}: the store still refuses message {Seq}", Id, message.Seq);
                return;
            }

            _unstored.Stored(message.Seq, stored);
            if (stored.Seq == message.Seq)
                Committed(message.Seq, stored);
            else
                _window.Release(message.Seq);
        }

        logger.LogInformation("Group {Group}: every parked message is stored", Id);
        _repairTimer?.Dispose();
        _repairTimer = null;
    }

    /// <summary>Parked messages get one more try before the activation goes.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_unstored.IsEmpty)
        {
            await StoreUnstoredAsync(cancellationToken);
            if (!_unstored.IsEmpty)
                logger.LogError("Group {Group}: {Count} parked messages could not be stored before deactivation ({Reason})", Id, _unstored.Count, reason);
        }
    }

    private void Committed(long seq, ChatMessage? message)
    {
        _window.Commit(seq, message);
        ScheduleFlush();
    }

    /// <summary>Hands what the window released to a flush on a later turn, unless nobody is online to push to.</summary>
    private void ScheduleFlush()
    {
        // Nobody online in any shard: nothing to push, and no extra turn to schedule per post.
        if (_liveShards.Count == 0 && _liveShardsDiscovered is { IsCompletedSuccessfully: true })
        {
            _window.DropReleased();
            return;
        }

        if (_window.HasReleased && !_flushScheduled)
        {
            _flushScheduled = true;
            _ = FlushAsync();
        }
    }

    /// <summary>
    /// Runs after the commits already queued on this activation, so one fan-out call per live shard carries
    /// every message committed meanwhile.
    /// </summary>
    private async Task FlushAsync()
    {
        try
        {
            await Task.Yield();
            _liveShardsDiscovered ??= DiscoverLiveShardsAsync();
            await _liveShardsDiscovered;
            _flushScheduled = false;
            if (!_window.HasReleased)
                return;
            var batch = _window.TakeReleased();
            foreach (var shard in _liveShards)
                _ = Shard(shard).DeliverAsync(batch);
        }
        catch (Exception ex)
        {
            _flushScheduled = false;
            _liveShardsDiscovered = null;
            logger.LogWarning(ex, "Group {Group}: live fan-out failed; clients catch up from history", Id);
        }
    }

    /// <summary>After activation the group asks its shards once who has members online; then shards report changes.</summary>
    private async Task DiscoverLiveShardsAsync()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, state.State.ShardCount).Select(async i => (i, live: await Shard(i).HasLiveRecipientsAsync())));
        foreach (var (i, live) in answers)
        {
            if (live)
                _liveShards.Add(i);
        }
    }
}
