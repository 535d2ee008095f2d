namespace Grains.Chain;

/// <summary>A broken rule: a stable code (used in problem details and tests) and a sentence for people.</summary>
public sealed record RuleViolation(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
