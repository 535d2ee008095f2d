namespace Grains.Interfaces.Chat;

public static class MemberRoles
{
    public const string Owner = "owner";
    public const string Operator = "operator";
    public const string Member = "member";

    /// <summary>Owners and operators moderate, and rate limits, mute-all and the link filter do not apply to them.</summary>
    public static bool IsModerator(string? role) => role is Owner or Operator;
}
