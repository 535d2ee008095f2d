using System.Globalization;
using Grains.Chain.Consensus;
using Grains.Chain.Model;

namespace Grains.Chain;

/// <summary>A network's rules, read once from <see cref="ChainOptions"/>.</summary>
public sealed class ChainParameters
{
    public ChainParameters(ChainOptions options)
    {
        Options = options;
        NetworkId = options.NetworkId;
        var bits = options.InitialBits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? options.InitialBits[2..] : options.InitialBits;
        InitialBits = uint.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (!CompactTarget.TryDecode(InitialBits, out _))
            throw new ArgumentException($"Chain:InitialBits {options.InitialBits} is not a valid compact target");
        Difficulty = new DifficultyRule(options.Difficulty, InitialBits, options.RetargetInterval, options.TargetSpacingMs);
        Genesis = GenesisBlock.For(NetworkId, InitialBits, options.GenesisTimestampMs);
    }

    public ChainOptions Options { get; }
    public string NetworkId { get; }
    public uint InitialBits { get; }
    public DifficultyRule Difficulty { get; }
    public Block Genesis { get; }
    public long BlockReward => Options.BlockReward;
    public int Maturity => Options.CoinbaseMaturity;
    public int MaxBlockBytes => Options.MaxBlockBytes;
    public long MaxFutureMs => Options.MaxFutureMs;
}
