namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The embedded gateway for chat tests: a known signing key (so tests can mint tokens another gateway would issue)
/// and no practical sign-in rate, so a class can sign up as many users as it needs.
/// </summary>
public class ChatGatewayFactory : EmbeddedGatewayFactory
{
    public const string SigningKey = "chat-gateway-tests-signing-key-0123456789";

    public ChatGatewayFactory()
    {
        With("Auth:SigningKey", SigningKey);
        With("Auth:AttemptsPerMinute", "100000");
    }
}
