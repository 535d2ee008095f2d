using System.Collections.Concurrent;
using Grains.Interfaces.Chat;

namespace Gateway.Live;

/// <summary>
/// This gateway's live connections (several per user: tabs, devices; beyond <see cref="LiveOptions.MaxStreamsPerUser"/>
/// the oldest is ended with a reconnect hint), and the observer the shards push to. A batch names its recipients; each
/// of their connections gets the already-serialised frames queued.
/// </summary>
/// <remarks>
/// Fan-out's hot path does no per-recipient lookup: a shard sends the same recipient list, with the same stamp, until
/// its members on this gateway change, so the list is resolved to <see cref="LiveUser"/>s once per (shard, stamp) and
/// reused. A resolved list stays right while users add or close tabs (a <see cref="LiveUser"/> holds the user's
/// current connections); it is resolved again when a user who had no connection here gets one, because that user
/// has a new <see cref="LiveUser"/> that older lists do not hold. Messages for a list wait in its outbox until the
/// next flush (see <see cref="DeliverAsync"/>).
/// </remarks>
public sealed class LiveHub(LiveOptions options) : ILiveGatewayObserver
{
    private readonly ConcurrentDictionary<string, LiveUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RecipientList> _resolved = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Lock _outboxGate = new();
    private readonly Lock _drainGate = new();
    private readonly List<RecipientList> _queued = [];
    private long _generations;
    private long _usersCreated;
    private long _resolutions;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Recipient lists resolved to connections so far (each shard once per change of its list).</summary>
    public long Resolutions => Interlocked.Read(ref _resolutions);

    /// <summary>
    /// Adds the connection. Returns the generation to tell the member grain when this is the user's first connection
    /// here (so the user's groups learn this gateway), or null when the user already had one.
    /// </summary>
    public long? Attach(LiveConnection connection)
    {
        LiveConnection? evicted = null;
        long? generation;
        lock (_gate)
        {
            if (!_users.TryGetValue(connection.UserId, out var user))
            {
                user = new LiveUser();
                _users[connection.UserId] = user;
                Interlocked.Increment(ref _usersCreated);
            }

            var existing = user.Connections;
            var kept = existing.Length >= options.MaxStreamsPerUser ? existing[1..] : existing;
            if (kept.Length < existing.Length)
                evicted = existing[0];
            user.Connections = [.. kept, connection];
            _count += 1 + kept.Length - existing.Length;
            generation = existing.Length == 0 ? Interlocked.Increment(ref _generations) : null;
        }

        evicted?.CloseAfter(new LiveItem(null, 0, LiveFrames.Reconnect));
        return generation;
    }

    /// <summary>
    /// Removes the connection. Returns a generation when it was the user's last one here (tell the member grain the user
    /// left this gateway), else null.
    /// </summary>
    public long? Detach(LiveConnection connection)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(connection.UserId, out var user) || Array.IndexOf(user.Connections, connection) < 0)
                return null;
            _count--;
            user.Connections = [.. user.Connections.Where(c => c != connection)];
            if (user.Connections.Length > 0)
                return null;

            _users.TryRemove(connection.UserId, out _);
            return Interlocked.Increment(ref _generations);
        }
    }

    /// <summary>A comment frame to every connection, so proxies keep idle streams open and dead clients are noticed.</summary>
    public void SendHeartbeats()
    {
        var heartbeat = new LiveItem(null, 0, LiveFrames.Heartbeat);
        foreach (var user in _users.Values)
        {
            foreach (var connection in user.Connections)
                connection.Enqueue(heartbeat);
        }

        ForgetIdleResolutions();
    }

    /// <summary>
    /// Gateway shutdown: every stream gets a <c>reconnect</c> event (with an SSE <c>retry</c> delay) after what it
    /// already has queued, then ends, so clients move to another gateway at once and resume from their last position.
    /// </summary>
    public void CloseAllWithReconnectHint()
    {
        DrainOutbox();
        var hint = new LiveItem(null, 0, LiveFrames.Reconnect);
        foreach (var user in _users.Values)
        {
            foreach (var connection in user.Connections)
                connection.CloseAfter(hint);
        }
    }

    /// <summary>
    /// A shard's batch. A cacheable batch (one with a source and stamp) only joins its recipient list's outbox: the
    /// flusher hands each list's outbox to the list's connections once per flush interval, so a connection takes
    /// every message of the interval under one lock, not one lock per message. A batch that cannot be cached (a
    /// private note, a subscription change) first lets everything queued before it through, to keep the order.
    /// </summary>
    public Task DeliverAsync(LiveBatch batch)
    {
        var items = new LiveItem[batch.Messages.Length];
        for (var i = 0; i < items.Length; i++)
            items[i] = LiveFrames.ItemFor(batch.Messages[i]);

        var recipients = Resolve(batch);
        if (recipients.Cacheable)
        {
            lock (_outboxGate)
            {
                recipients.Outbox.AddRange(items);
                if (!recipients.Queued)
                {
                    recipients.Queued = true;
                    _queued.Add(recipients);
                }
            }

            return Task.CompletedTask;
        }

        lock (_drainGate)
        {
            DrainLocked();
            Hand(recipients.Users, items);
        }

        return Task.CompletedTask;
    }

    /// <summary>Called by the flusher before each write round: queued messages go to their connections' queues.</summary>
    public void DrainOutbox()
    {
        lock (_drainGate)
            DrainLocked();
    }

    private void DrainLocked()
    {
        List<(LiveUser[] Users, LiveItem[] Items)> taken;
        lock (_outboxGate)
        {
            if (_queued.Count == 0)
                return;
            taken = new List<(LiveUser[], LiveItem[])>(_queued.Count);
            foreach (var recipients in _queued)
            {
                taken.Add((recipients.Users, [.. recipients.Outbox]));
                recipients.Outbox.Clear();
                recipients.Queued = false;
            }

            _queued.Clear();
        }

        foreach (var (users, items) in taken)
            Hand(users, items);
    }

    private static void Hand(LiveUser[] users, LiveItem[] items)
    {
        foreach (var user in users)
        {
            foreach (var connection in user.Connections)
                connection.Enqueue(items);
        }
    }

    private RecipientList Resolve(LiveBatch batch)
    {
        var created = Interlocked.Read(ref _usersCreated);
        var cacheable = batch.Source is not null && batch.RecipientsStamp != 0;
        if (cacheable && _resolved.TryGetValue(batch.Source!, out var known) && known.Stamp == batch.RecipientsStamp && known.UsersCreated == created)
        {
            known.Used = true;
            return known;
        }

        Interlocked.Increment(ref _resolutions);
        var users = new List<LiveUser>(batch.Recipients.Length);
        foreach (var recipient in batch.Recipients)
        {
            if (_users.TryGetValue(recipient, out var user))
                users.Add(user);
        }

        var resolved = new RecipientList(batch.RecipientsStamp, created, [.. users], cacheable) { Used = true };
        if (cacheable)
            _resolved[batch.Source!] = resolved;
        return resolved;
    }

    /// <summary>Drops the lists of shards that sent nothing since the last heartbeat (their group went quiet or moved).</summary>
    private void ForgetIdleResolutions()
    {
        foreach (var (source, resolved) in _resolved)
        {
            if (!resolved.Used)
                _resolved.TryRemove(new KeyValuePair<string, RecipientList>(source, resolved));
            else
                resolved.Used = false;
        }
    }

    /// <summary>A user's connections on this gateway; replaced as a whole (copy on write) when one opens or closes.</summary>
    private sealed class LiveUser
    {
        private LiveConnection[] _connections = [];

        public LiveConnection[] Connections
        {
            get => Volatile.Read(ref _connections);
            set => Volatile.Write(ref _connections, value);
        }
    }

    /// <summary>
    /// A shard's recipients resolved to this gateway's users, and the messages waiting for the next flush. A list
    /// replaced by a newer stamp keeps its place in the outbox queue, so its messages still go out first.
    /// </summary>
    private sealed class RecipientList(long stamp, long usersCreated, LiveUser[] users, bool cacheable)
    {
        public long Stamp { get; } = stamp;

        public long UsersCreated { get; } = usersCreated;

        public LiveUser[] Users { get; } = users;

        public bool Cacheable { get; } = cacheable;

        public List<LiveItem> Outbox { get; } = [];

        public bool Queued { get; set; }

        public bool Used { get; set; }
    }
}
