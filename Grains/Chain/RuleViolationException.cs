namespace Grains.Chain;

/// <summary>Thrown by pure rule code; grains turn it into a <c>DomainException</c>.</summary>
public sealed class RuleViolationException(RuleViolation violation) : Exception(violation.ToString())
{
    public RuleViolation Violation { get; } = violation;
}
