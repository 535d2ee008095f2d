using Grains.Chain;
using Grains.Chain.Model;
using Grains.Chain.Transactions;
using Grains.Interfaces.Accounts;
using Grains.Interfaces.Chain;
using Grains.Tests.Chain.Transactions;

namespace Grains.Tests.Chain;

public sealed class PaymentMemoTests
{
    private const string Group = "3f9a0c1e5b7d2468";
    private const string PacketId = "0123456789abcdef";

    // 32 three-byte letters: the longest user id in bytes (96), more than any memo holds.
    private static readonly string LongestUserId = new('张', 32);

    public static TheoryData<string> UserIds => new()
    {
        "zhangsan",
        "张三丰",
        "li_si-2",
        "ñandú",
        AccountNames.UserIdFor("Σοφία"),
        AccountNames.UserIdFor("Ｗａｎｇ_Ｗｕ"),
        "ab" + new string('ä', 30),
        new string('张', 14),
        LongestUserId,
    };

    [Theory]
    [MemberData(nameof(UserIds))]
    public void Every_kind_round_trips_through_its_memo(string userId)
    {
        Assert.True(AccountNames.IsUserId(userId));
        PaymentPurpose[] built =
        [
            PaymentMemo.Join(Group, userId),
            PaymentMemo.Packet(PacketId),
            PaymentMemo.Payout(PacketId, userId),
            PaymentMemo.Refund(PacketId),
            PaymentMemo.Tip(Group, 42, userId),
            PaymentMemo.Tip(Group, long.MaxValue, userId),
            PaymentMemo.Faucet(userId),
        ];

        foreach (var purpose in built)
        {
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(purpose.Memo), 1, PaymentMemo.MaxBytes);
            var parsed = PaymentMemo.Parse(purpose.Memo);
            Assert.Equal(purpose, parsed);
            Assert.Equal(purpose.Memo, parsed.Memo);
            Assert.Equal(purpose.Memo, purpose.ToString());
        }

        Assert.Equal(
            [PaymentKind.Join, PaymentKind.Packet, PaymentKind.Payout, PaymentKind.Refund, PaymentKind.Tip, PaymentKind.Tip, PaymentKind.Faucet],
            built.Select(p => PaymentMemo.Parse(p.Memo).Kind));
        var tip = PaymentMemo.Parse(built[4].Memo);
        Assert.Equal((Group, 42L, null, null), (tip.GroupId, tip.Seq, tip.PacketId, tip.Reference));
        Assert.Equal((PacketId, null), (PaymentMemo.Parse(built[2].Memo).PacketId, PaymentMemo.Parse(built[2].Memo).GroupId));
        Assert.Equal(PacketId, PaymentMemo.Parse(built[3].Memo).Reference);
        Assert.All(built.Where(p => p.Kind is not (PaymentKind.Packet or PaymentKind.Refund)),
            p => Assert.True(p.User == userId || p.User == PaymentMemo.UserDigest(userId)));
    }

    [Fact]
    public void The_formats_are_as_documented()
    {
        Assert.Equal("join:3f9a0c1e5b7d2468:zhangsan", PaymentMemo.Join(Group, "zhangsan").Memo);
        Assert.Equal("packet:0123456789abcdef", PaymentMemo.Packet(PacketId).Memo);
        Assert.Equal("payout:0123456789abcdef:张三丰", PaymentMemo.Payout(PacketId, "张三丰").Memo);
        Assert.Equal("refund:0123456789abcdef", PaymentMemo.Refund(PacketId).Memo);
        Assert.Equal("tip:3f9a0c1e5b7d2468:1234567:lisi", PaymentMemo.Tip(Group, 1_234_567, "lisi").Memo);
        Assert.Equal("faucet:wangwu", PaymentMemo.Faucet("wangwu").Memo);
        Assert.Equal(MemoTransactionVector.Memo, PaymentMemo.Join(Group, "zhangsan").Memo);
    }

    [Fact]
    public void A_user_id_is_written_as_itself_while_the_memo_has_room_and_as_its_digest_beyond()
    {
        // join:{16}: is 22 bytes, leaving 42: fourteen three-byte letters fit exactly, one more byte does not.
        var fits = new string('张', 14);
        Assert.Equal(64, System.Text.Encoding.UTF8.GetByteCount(PaymentMemo.Join(Group, fits).Memo));
        Assert.Equal(fits, PaymentMemo.Join(Group, fits).User);
        var over = fits + "a";
        Assert.Equal(PaymentMemo.UserDigest(over), PaymentMemo.Join(Group, over).User);
        Assert.Equal($"join:{Group}:{PaymentMemo.UserDigest(over)}", PaymentMemo.Join(Group, over).Memo);

        // Whether the id fits depends on the memo it goes into: the faucet memo has room where the tip memo has not.
        Assert.Equal(over, PaymentMemo.Faucet(over).User);
        Assert.Equal(PaymentMemo.UserDigest(over), PaymentMemo.Tip(Group, 1, over).User);
        Assert.Equal(PaymentMemo.UserDigest(LongestUserId), PaymentMemo.Faucet(LongestUserId).User);
    }

    [Fact]
    public void The_user_digest_is_tilde_and_22_base32_characters_of_sha256()
    {
        // Computed independently: "~" + base32(sha256(utf8(id))).lower()[:22] in Python.
        Assert.Equal("~qjzb3bcmatzckarejkdqme", PaymentMemo.UserDigest("zhangsan"));
        Assert.Equal("~3wa3x7htex3ompuwrmesvk", PaymentMemo.UserDigest(LongestUserId));
        Assert.Equal(PaymentMemo.UserDigestLength, PaymentMemo.UserDigest("x").Length);
    }

    [Fact]
    public void A_memo_longer_than_64_bytes_cannot_be_built_and_is_never_cut_short()
    {
        var longest = new string('r', PaymentMemo.MaxBytes - "refund:".Length);
        Assert.Equal(PaymentMemo.MaxBytes, PaymentMemo.Refund(longest).Memo.Length);
        var tooLong = Assert.Throws<ArgumentException>(() => PaymentMemo.Refund(longest + "r"));
        Assert.Contains("65 bytes", tooLong.Message, StringComparison.Ordinal);

        // A transaction id (64 hex digits) is too long to be a refund's reference: the caller must choose a shorter one.
        Assert.Throws<ArgumentException>(() => PaymentMemo.Refund(new string('a', 64)));

        // The longest tip there can be still fits: the biggest seq and a user written as its digest.
        Assert.Equal(PaymentMemo.MaxBytes, System.Text.Encoding.UTF8.GetByteCount(PaymentMemo.Tip(Group, long.MaxValue, LongestUserId).Memo));
    }

    [Theory]
    [InlineData("3F9A0C1E5B7D2468", "zhangsan")]
    [InlineData("3f9a0c1e5b7d246", "zhangsan")]
    [InlineData("3f9a0c1e5b7d2468:", "zhangsan")]
    [InlineData("3f9a0c1e5b7d2468", "ZhangSan")]
    [InlineData("3f9a0c1e5b7d2468", "zh")]
    [InlineData("3f9a0c1e5b7d2468", "zhang:san")]
    [InlineData("3f9a0c1e5b7d2468", "~qjzb3bcmatzckarejkdqme")]
    [InlineData("3f9a0c1e5b7d2468", "ｚｈａｎｇｓａｎ")]
    public void Builders_refuse_what_is_not_a_group_id_or_a_user_id(string groupId, string userId)
    {
        Assert.Throws<ArgumentException>(() => PaymentMemo.Join(groupId, userId));
        Assert.Throws<ArgumentException>(() => PaymentMemo.Tip(groupId, 1, userId));
    }

    [Fact]
    public void Builders_refuse_a_seq_below_one_and_a_bad_packet_id_or_reference()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentMemo.Tip(Group, 0, "lisi"));
        Assert.Throws<ArgumentException>(() => PaymentMemo.Packet("packet"));
        Assert.Throws<ArgumentException>(() => PaymentMemo.Payout("0123456789ABCDEF", "lisi"));
        Assert.Throws<ArgumentException>(() => PaymentMemo.Refund(string.Empty));
        Assert.Throws<ArgumentException>(() => PaymentMemo.Refund("Tx:1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thanks for the noodles")]
    [InlineData("join:3f9a0c1e5b7d2468")]
    [InlineData("join:3f9a0c1e5b7d2468:zhangsan:extra")]
    [InlineData("join:3F9A0C1E5B7D2468:zhangsan")]
    [InlineData("join:3f9a0c1e5b7d2468:ZhangSan")]
    [InlineData("join:3f9a0c1e5b7d2468:ｚｈａｎｇｓａｎ")]
    [InlineData("join:3f9a0c1e5b7d2468:~qjzb3bcmatzckarejkdqm")]
    [InlineData("join:3f9a0c1e5b7d2468:~qjzb3bcmatzckarejkdqm1")]
    [InlineData("Join:3f9a0c1e5b7d2468:zhangsan")]
    [InlineData(" join:3f9a0c1e5b7d2468:zhangsan")]
    [InlineData("packet:0123456789abcde")]
    [InlineData("payout:0123456789abcdef:")]
    [InlineData("refund:")]
    [InlineData("refund:ABC")]
    [InlineData("tip:3f9a0c1e5b7d2468:0:lisi")]
    [InlineData("tip:3f9a0c1e5b7d2468:007:lisi")]
    [InlineData("tip:3f9a0c1e5b7d2468:+7:lisi")]
    [InlineData("tip:3f9a0c1e5b7d2468:99999999999999999999:lisi")]
    [InlineData("faucet:")]
    [InlineData("faucet:lisi\n")]
    public void Parsing_refuses_what_no_builder_writes(string? memo)
    {
        Assert.False(PaymentMemo.TryParse(memo, out var purpose));
        Assert.Null(purpose);
        if (memo is not null)
            Assert.Throws<FormatException>(() => PaymentMemo.Parse(memo));
    }

    [Fact]
    public void Parsing_refuses_a_memo_whose_user_id_would_not_fit()
    {
        var raw = $"join:{Group}:{LongestUserId}";
        Assert.False(PaymentMemo.TryParse(raw, out _));
        Assert.True(PaymentMemo.TryParse(PaymentMemo.Join(Group, LongestUserId).Memo, out var written));
        Assert.Equal(PaymentMemo.UserDigest(LongestUserId), written.User);
    }

    public static TheoryData<string> PayingUsers => new() { "zhangsan", "张三丰", LongestUserId };

    [Theory]
    [MemberData(nameof(PayingUsers))]
    public void A_payment_built_with_the_memo_class_is_recognised_from_the_signed_transaction(string userId)
    {
        var kit = new ChainTestKit();
        var payer = ChainTestKit.NewWallet();
        var paid = kit.Transfer(payer, Address.ForLabel("group-treasury"), 500, 1, 0, PaymentMemo.Join(Group, userId).Memo);

        // What the checker sees: the transaction as a node decodes it and the API shows it.
        var seen = ChainViews.ToData(Transaction.Decode(paid.Encode()));
        Assert.Null(TransactionRules.CheckStateless(ChainViews.ToTransaction(seen), ChainTestKit.Network));
        Assert.True(PaymentMemo.TryParse(seen.Memo, out var purpose));
        Assert.Equal(PaymentMemo.Join(Group, userId), purpose);
        Assert.NotEqual(PaymentMemo.Join(Group, "lisi"), purpose);
        Assert.NotEqual(PaymentMemo.Join("0000000000000000", userId), purpose);
        Assert.NotEqual(PaymentMemo.Payout(Group, userId), purpose);
    }

    [Fact]
    public void Every_payment_memo_is_a_valid_transaction_memo()
    {
        Assert.Equal(TransactionMemo.MaxBytes, PaymentMemo.MaxBytes);
        string[] worst =
        [
            PaymentMemo.Join(Group, LongestUserId).Memo,
            PaymentMemo.Payout(PacketId, LongestUserId).Memo,
            PaymentMemo.Tip(Group, long.MaxValue, LongestUserId).Memo,
            PaymentMemo.Faucet(LongestUserId).Memo,
            PaymentMemo.Refund(new string('z', 57)).Memo,
        ];
        Assert.All(worst, memo => Assert.Null(TransactionMemo.ProblemOf(memo)));
    }
}
