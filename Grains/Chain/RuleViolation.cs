namespace Grains.Chain;

/// <summary>A broken rule: a stable code (used in problem details and tests) and a sentence for people.</summary>
public sealed record RuleViolation(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Thrown by pure rule code; grains turn it into a <c>DomainException</c>.</summary>
public sealed class RuleViolationException(RuleViolation violation) : Exception(violation.ToString())
{
    public RuleViolation Violation { get; } = violation;
}
