using Grains.Interfaces.Errors;

namespace Grains.Chat.Posting;

/// <summary>
/// What <see cref="PostAdmission"/> decided. Admitted: the poster's name as the message will carry it. Refused: the
/// error to answer with and, when the sender should also see it in their live stream, the tip to push first.
/// </summary>
public sealed record PostDecision(string? Username, DomainException? Refusal, string? PrivateTip = null)
{
    public bool Admitted => Refusal is null;
}
