namespace Grains.Interfaces.Chain;

/// <summary>The outcome of submitting a transaction; <see cref="AlreadyKnown"/> when it was a resubmission.</summary>
[GenerateSerializer, Immutable, Alias("chain.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] TransactionStatus Status,
    [property: Id(1)] bool AlreadyKnown,
    [property: Id(2)] long NextBlockHeight);
