using Grains.Interfaces.Chain;

namespace Gateway.Chain;

/// <summary>A transfer the demo wallet signed, ready for <c>POST /api/nodes/{node}/transactions</c>.</summary>
public sealed record SignedTransaction(string Id, TransactionData Transaction, string Warning);
