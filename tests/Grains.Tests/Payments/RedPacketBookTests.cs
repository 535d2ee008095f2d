using Grains.Interfaces.Chain;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Interfaces.Payments;
using TestSupport;

namespace Grains.Tests.Payments;

/// <summary>A red packet's book names every payout, however many: the escrow pays share k with nonce k, and the book looks payouts up by nonce.</summary>
[Collection(PaymentsClusterCollection.Name)]
public sealed class RedPacketBookTests(PaymentsClusterFixture fixture)
{
    private const int Shares = 1_200;
    private const long ShareUnits = 1_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private IChainNodeGrain Main => fixture.Client.GetGrain<IChainNodeGrain>(PaymentsClusterFixture.PaymentsNode);

    [Fact]
    public async Task A_book_of_more_shares_than_an_address_history_page_shows_every_payout_with_its_transaction()
    {
        await Main.EnsureCreatedAsync("tester");
        var groupId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var owner = "owner-" + groupId;
        var group = fixture.Client.GetGrain<IGroupGrain>(groupId);
        await group.CreateAsync(new CreateGroupCommand(owner, owner, "big packet", null, 4));
        var members = Enumerable.Range(0, Shares).Select(i => new MemberProfile($"m{i:D4}-{groupId[..6]}", $"m{i:D4}")).ToArray();
        await group.ImportMembersAsync(members, indexMembers: false);
        var ownerAddress = (await fixture.Client.GetGrain<IWalletGrain>(WalletIds.ForUser(owner)).GetAsync()).Address;
        await Main.MineAsync(ownerAddress);
        await Main.MineAsync(null);

        var created = await group.CreateRedPacketAsync(new RedPacketOrder(groupId, owner, owner, Shares * ShareUnits, Shares, RedPacketMode.Equal, "many",
            TimeSpan.FromHours(1), "big"));
        var packet = fixture.Client.GetGrain<IRedPacketGrain>(created.PacketId);
        await UntilAsync(async () =>
        {
            await Main.MineAsync(null);
            return (await packet.GetAsync(owner)).Status == RedPacketStatus.Open;
        }, "the packet to open");

        var wrongGroup = await Assert.ThrowsAsync<DomainException>(() => packet.ClaimAsync("0123456789abcdef", members[0].UserId, members[0].Username));
        Assert.Equal(ErrorCodes.PacketNotFound, wrongGroup.Code);
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (m, _) =>
            Assert.Equal(ShareUnits, (await packet.ClaimAsync(groupId, m.UserId, m.Username)).Amount));

        RedPacketView book = null!;
        await UntilAsync(async () =>
        {
            await Main.MineAsync(null);
            book = await packet.GetAsync(owner);
            return book.Claims.All(c => c.Confirmations >= 1);
        }, "every payout to confirm");

        Assert.Equal(Shares, book.Claims.Length);
        Assert.All(book.Claims, c => Assert.NotNull(c.TransactionId));
        Assert.Equal(Shares, book.Claims.Select(c => c.TransactionId).Distinct().Count());
        foreach (var claim in book.Claims.Where((_, i) => i % 100 == 0))
        {
            var tx = await Main.GetTransactionAsync(claim.TransactionId!);
            Assert.Equal(claim.Amount, tx.Data.Amount);
            Assert.Equal(claim.Index, tx.Data.Nonce);
            Assert.Equal(book.EscrowAddress, tx.Data.From);
        }
    }

    private static Task UntilAsync(Func<Task<bool>> done, string what) => Waiting.UntilAsync(done, what, Patience);
}
