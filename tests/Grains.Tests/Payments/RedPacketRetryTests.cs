using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Payments;

namespace Grains.Tests.Payments;

/// <summary>A client that retries a claim while its first attempt is still under way gets that attempt's outcome.</summary>
[Collection(PaymentsClusterCollection.Name)]
public sealed class RedPacketRetryTests(PaymentsClusterFixture fixture)
{
    [Fact]
    public async Task Claims_of_one_member_sent_at_once_all_answer_with_the_one_share_the_member_got()
    {
        var main = fixture.Client.GetGrain<IChainNodeGrain>(PaymentsClusterFixture.PaymentsNode);
        await main.EnsureCreatedAsync("tester");
        var groupId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var owner = "owner-" + groupId;
        var group = fixture.Client.GetGrain<IGroupGrain>(groupId);
        await group.CreateAsync(new CreateGroupCommand(owner, owner, "retries", null, 2));
        var member = new MemberProfile("m-" + groupId[..8], "m");
        await group.ImportMembersAsync([member], indexMembers: false);
        await main.MineAsync((await fixture.Client.GetGrain<IWalletGrain>(WalletIds.ForUser(owner)).GetAsync()).Address);
        await main.MineAsync(null);
        var created = await group.CreateRedPacketAsync(new RedPacketOrder(groupId, owner, owner, 2_000, 2, RedPacketMode.Equal, "retries",
            TimeSpan.FromHours(1), "retry"));
        var packet = fixture.Client.GetGrain<IRedPacketGrain>(created.PacketId);
        for (var i = 0; i < 900 && (await packet.GetAsync(owner)).Status != RedPacketStatus.Open; i++)
        {
            await main.MineAsync(null);
            await Task.Delay(100);
        }

        // Before: every claim but the first answered "already claimed" while the first still waited on the store.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => packet.ClaimAsync(groupId, member.UserId, member.Username)));

        Assert.Single(answers.Select(a => (a.Index, a.Amount)).Distinct());
        Assert.Single((await packet.GetAsync(owner)).Claims, c => c.UserId == member.UserId);
    }
}
