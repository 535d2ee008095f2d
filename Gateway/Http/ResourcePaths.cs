namespace Gateway.Http;

/// <summary>
/// Location headers. Every segment is percent-encoded: a header must be ASCII, and a non-ASCII username must not
/// make a response fail after its write has already succeeded.
/// </summary>
public static class ResourcePaths
{
    public static string Account(string userId) => $"/api/accounts/{Segment(userId)}";

    public static string Group(string groupId) => $"/api/groups/{Segment(groupId)}";

    public static string RedPacket(string groupId, string packetId) => $"{Group(groupId)}/red-packets/{Segment(packetId)}";

    public static string Member(string groupId, string userId) => $"{Group(groupId)}/members/{Segment(userId)}";

    public static string Message(string groupId, long seq) => $"{Group(groupId)}/messages?after={seq - 1}&limit=1";

    public static string Node(string node) => $"/api/nodes/{Segment(node)}";

    public static string NodeTransaction(string node, string transactionId) => $"{Node(node)}/transactions/{Segment(transactionId)}";

    public static string Wallet(string address) => $"/api/wallets/{Segment(address)}";

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
