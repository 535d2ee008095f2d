using System.Security.Cryptography;
using System.Text;
using Grains.Chat.Members;
using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using Grains.Payments.RedPackets;

namespace Grains.Chat;

/// <summary>Red packets: the group checks its own rules, a red-packet grain holds the money; the group announces it once funded.</summary>
public sealed partial class GroupGrain
{
    public async Task<RedPacketView> CreateRedPacketAsync(RedPacketOrder order)
    {
        EnsureCreated();
        if (await ShardOf(order.SenderId).GetMemberAsync(order.SenderId) is null)
            throw await ShardOf(order.SenderId).IsBannedAsync(order.SenderId) ? MemberRefusals.Banned() : MemberRefusals.NotMember();
        if (!Settings.AllowedTypes.Contains(MessageTypes.RedPacket, StringComparer.Ordinal))
            throw DomainException.Unprocessable(ErrorCodes.TypeNotAllowed, "This group does not allow red packets.");
        var members = (await Task.WhenAll(AllShards().Select(s => s.GetCountsAsync()))).Sum(c => c.Members);
        var most = (int)Math.Min(payments.Value.MaxRedPacketShares, members);
        if (order.Count < 1 || order.Count > most)
            throw DomainException.Invalid(ErrorCodes.SharesInvalid, $"count must be 1-{most}: at most one share per member, and at most {payments.Value.MaxRedPacketShares}.");
        if (order.Total < order.Count)
            throw DomainException.Invalid(ErrorCodes.AmountInvalid, "total must be at least one unit per share.");
        if (order.ExpiresIn <= TimeSpan.Zero || order.ExpiresIn > TimeSpan.FromHours(payments.Value.RedPacketMaxHours))
            throw DomainException.Invalid(ErrorCodes.ExpiryInvalid, $"A red packet lasts up to {payments.Value.RedPacketMaxHours} hours.");
        if (order.Greeting.Length > RedPacketLimits.MaxGreeting)
            throw DomainException.Invalid(ErrorCodes.GreetingTooLong, $"greeting is at most {RedPacketLimits.MaxGreeting} characters.");

        return await GrainFactory.GetGrain<IRedPacketGrain>(PacketIdFor(order.SenderId, order.ClientId)).CreateAsync(order with { GroupId = Id }, state.State.ShardCount);
    }

    public async Task<long> AnnounceRedPacketAsync(string packetId, string senderId, string senderName, string greeting)
    {
        EnsureCreated();
        var clientId = "packet:" + packetId;
        if (_recent.TryGet(senderId, clientId, out var first))
            return (await FirstOutcome(first)).Seq;

        var message = new ChatMessage(Id, NextSeq(), ChatEventKinds.Message, senderId, senderName, MessageTypes.RedPacket,
            greeting, $"/api/groups/{Id}/red-packets/{packetId}", null, clientId, null, StoredTime.Now(clock));
        var stored = StoreAndPublishAsync(message);
        _recent.Remember(senderId, clientId, stored);
        try
        {
            return (await stored).Seq;
        }
        catch (DomainException) when (_unstored.TryGet(message.Seq, out _))
        {
            // Parked for another try: the announcement's outcome is that one.
            RememberOrForget(senderId, clientId, message);
            throw;
        }
    }

    /// <summary>The packet's id follows from group, sender and client id, so a retried creation finds the same packet.</summary>
    private string PacketIdFor(string senderId, string clientId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Id}\n{senderId}\n{clientId}")))[..16];
}
