using Grains.Interfaces.Chat;
using Grains.Interfaces.Payments;

namespace Gateway.Http.OpenApi;

/// <summary>Sample values for the OpenAPI document's examples, one shape each, so every operation shows a realistic body.</summary>
public static class ApiExamples
{
    public const string GroupId = "3f9a0c1e5b7d2468";
    public static readonly DateTimeOffset At = new(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);

    public static GroupSettings Settings { get; } = GroupSettings.Create("Rust learners", "Questions and answers, no ads.");

    public static GroupView Group { get; } = new(GroupId, "zhangsan", ["lisi"], 16, At, 1_204, 120_000, 119_500, Settings);

    public static ChatMessage Message { get; } = new(GroupId, 1_205, ChatEventKinds.Message, "lisi", "lisi", MessageTypes.Text,
        "Has anyone tried the new borrow checker?", null, null, "c-7f2b", null, At);

    public static MemberView Member { get; } = new("lisi", "lisi", MemberRoles.Operator, true, At, 1_204);

    public const string WalletAddress = "ed796d7cbb56bd305c4413182e83823b280786c7";
    public const string PaymentsNodeAddress = "00112233445566778899aabbccddeeff00112233";
    public const string TransactionId = "c0b362ce9860326d1711c1e5f353c1ce22e7a3268aff74697f8cdb2150811a23";

    public static PaymentReceipt Receipt { get; } = new(TransactionId, PaymentsNodeAddress, WalletAddress, 10_000_000_000, 0, "faucet", 0);

    public static WalletActivity Activity { get; } = new(TransactionId, PaymentsNodeAddress, WalletAddress, 10_000_000_000, 0, "faucet", 41, 3);
}
