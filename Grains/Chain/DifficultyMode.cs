namespace Grains.Chain;

/// <summary>How a network sets its proof-of-work target.</summary>
public enum DifficultyMode
{
    /// <summary>Every block uses the initial target (teaching).</summary>
    Fixed,

    /// <summary>Every N blocks the target moves toward the target spacing, at most 4x either way.</summary>
    Retarget,
}
