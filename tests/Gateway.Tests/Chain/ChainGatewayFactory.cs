using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Chain;

/// <summary>The embedded Gateway with the default network, except that coinbase rewards mature after one block so tests can spend them at once.</summary>
public sealed class ChainGatewayFactory : EmbeddedGatewayFactory
{
    public const string DefaultNode = "tutorial-default";

    public ChainGatewayFactory()
    {
        With("Chain:CoinbaseMaturity", "1");
        With("Chain:DefaultNode", DefaultNode);
    }
}
