namespace Gateway.Payments;

/// <summary>What a client needs to show and send money: the network, the payments node, the coin's decimals.</summary>
public sealed record ChainInfo(
    string NetworkId,
    string PaymentsNode,
    int Decimals,
    long UnitsPerCoin,
    long BlockReward,
    int PaymentConfirmations,
    long PaymentsTipHeight,
    bool FaucetEnabled);
