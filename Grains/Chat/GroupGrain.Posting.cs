using Grains.Chat.Moderation;
using Grains.Chat.Posting;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat;

public sealed partial class GroupGrain
{
    private readonly HashSet<long> _recalling = [];

    public async Task<PostOutcome> PostAsync(string userId, MessageDraft draft)
    {
        EnsureCreated();
        var command = draft.Type == MessageTypes.Text ? ChatCommandParser.Parse(draft.Text) : null;
        if (command is { } c)
            return new PostOutcome(null, await AnswerCommandAsync(userId, c));

        var content = ContentPolicy.Evaluate(Settings, draft);
        var clientId = draft.ClientId!;
        if (_recent.TryGet(userId, clientId, out var first))
            return new PostOutcome(await FirstOutcome(first), null);

        var done = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _recent.Remember(userId, clientId, done.Task);
        ChatMessage? message = null;
        try
        {
            MediaRef? media = null;
            if (draft.UploadId is { } uploadId)
            {
                var upload = await uploads.GetAsync(uploadId);
                media = MediaPolicy.Check(draft.Type!, userId, uploadId, upload);
                content = MediaPolicy.Reason(Settings, content, upload!);
            }

            var admitted = await AdmitAsync(userId, content);
            if (media is not null)
                await uploads.AddPostAsync(media.UploadId, Id); // before the message: no member sees it before they may read it
            message = new ChatMessage(Id, NextSeq(), ChatEventKinds.Message, userId, admitted.Username, draft.Type!,
                draft.Text, draft.Url, draft.Contact, clientId, null, StoredTime.Now(clock), Media: media);
            var stored = await StoreAndPublishAsync(message);
            done.SetResult(stored);
            return new PostOutcome(stored, null);
        }
        catch (Exception ex)
        {
            RememberOrForget(userId, clientId, message);
            done.TrySetException(ex);
            _ = done.Task.Exception; // observed: the caller gets the exception itself
            throw;
        }
    }

    public async Task<bool> HasMemberAsync(string userId)
    {
        if (!state.State.Created)
            return false;
        return await ShardOf(userId).GetMemberAsync(userId) is not null;
    }

    public async Task<ChatMessage> RecallAsync(string userId, long seq)
    {
        EnsureCreated();
        var target = await messages.GetAsync(Id, seq) ?? throw DomainException.NotFound(ErrorCodes.MessageNotFound, $"There is no message {seq}.");
        if (target.Kind != ChatEventKinds.Message)
            throw DomainException.Unprocessable(ErrorCodes.NotRecallable, "Only members' messages can be recalled.");
        var moderator = Hierarchy.IsModerator(userId);
        if (target.SenderId != userId && !moderator)
            throw DomainException.Forbidden(ErrorCodes.NotAuthor, "Only the author or a moderator can recall a message.");
        if (!moderator)
            await RequireMemberAsync(userId);
        if (target.Recalled || !_recalling.Add(seq))
            throw DomainException.Conflict(ErrorCodes.AlreadyRecalled, $"Message {seq} is already recalled.");

        try
        {
            var recall = new ChatMessage(Id, NextSeq(), ChatEventKinds.Recall, userId, null, MessageTypes.Text,
                null, null, null, null, seq, StoredTime.Now(clock));
            await StoreAndPublishAsync(recall);
            return recall;
        }
        finally
        {
            _recalling.Remove(seq);
        }
    }

    public async Task<HistoryPage> GetHistoryAsync(string userId, long? after, long? before, int limit)
    {
        EnsureCreated();
        if (limit is < 1 or > MaxHistoryPage)
            throw DomainException.Invalid(ErrorCodes.LimitInvalid, $"limit must be between 1 and {MaxHistoryPage}.");
        if (after is not null && before is not null)
            throw DomainException.Invalid(ErrorCodes.AfterAndBefore, "Give after or before, not both.");
        await RequireSubscribedMemberAsync(userId);

        var page = before is { } b
            ? await messages.ReadBeforeAsync(Id, b, limit)
            : await messages.ReadAfterAsync(Id, after ?? 0, limit);
        return new HistoryPage([.. page], LastCommitted);
    }

    public async Task<ChatMessage[]> ReadAfterAsync(string userId, long after, int limit)
    {
        EnsureCreated();
        await RequireSubscribedMemberAsync(userId);
        return [.. await messages.ReadAfterAsync(Id, after, Math.Clamp(limit, 1, MaxHistoryPage))];
    }

    private async Task<CommandReply> AnswerCommandAsync(string userId, ChatCommand command)
    {
        // Commands cost a rate-limit token like any post: answering them costs the group work too.
        var admitted = await AdmitAsync(userId, ModeratorReason.None);
        string text;
        if (command == ChatCommand.Info)
        {
            var counts = await Task.WhenAll(AllShards().Select(s => s.GetCountsAsync()));
            text = TemplateFormatter.ForGroup(Settings, Settings.Templates.InfoAnswer, admitted.Username, count: counts.Sum(c => c.Subscribers));
        }
        else
        {
            text = TemplateFormatter.ForGroup(Settings, Settings.Templates.HelpAnswer, admitted.Username);
        }

        var reply = new CommandReply(ChatCommandParser.Name(command), text);
        await SendPrivateAsync(userId, text);
        return reply;
    }

    /// <summary>Asks the poster's shard for their standing and lets <see cref="PostAdmission"/> decide; a refusal is thrown, after its tip.</summary>
    private async Task<PostDecision> AdmitAsync(string userId, ModeratorReason content)
    {
        var standing = await ShardOf(userId).GetPostStandingAsync(userId, Settings.RateLimit, moderatorOnly: content != ModeratorReason.None);
        var decision = PostAdmission.Decide(Settings, content, standing);
        if (decision.PrivateTip is { } tip)
            await SendPrivateAsync(userId, tip);
        return decision.Refusal is { } refusal ? throw refusal : decision;
    }

    /// <summary>A notice in the group's history; <paramref name="url"/> points at what it is about (a tip's transactions).</summary>
    private Task<ChatMessage> PostSystemAsync(string text, string? url = null) =>
        StoreAndPublishAsync(new ChatMessage(Id, NextSeq(), ChatEventKinds.System, null, null, MessageTypes.Text,
            text, url, null, null, null, StoredTime.Now(clock)));
}
