namespace Grains.Interfaces.Chain;

/// <summary>What became of one peer in a resolve. Values are stable: they cross the cluster.</summary>
[GenerateSerializer, Alias("chain.PeerOutcomeKind")]
public enum PeerOutcomeKind
{
    /// <summary>Its chain had the most work and is now this node's best chain.</summary>
    Adopted = 0,

    /// <summary>It had blocks this node lacked, all valid, but they do not add up to more work than this node's chain.</summary>
    LessWork = 1,

    /// <summary>Its tip is a block this node already has.</summary>
    NothingNew = 2,

    /// <summary>This node ignores the peer for a while after repeated invalid data, so it was not asked.</summary>
    Ignored = 3,

    /// <summary>It did not answer (gone, timed out or refusing) before its branch was complete.</summary>
    Unreachable = 4,

    /// <summary>It sent something that breaks a rule (see <see cref="PeerOutcome.Violation"/>); it earns a strike.</summary>
    Invalid = 5,
}
