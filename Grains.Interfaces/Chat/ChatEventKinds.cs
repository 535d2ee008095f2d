namespace Grains.Interfaces.Chat;

/// <summary>What a <see cref="ChatMessage"/> is: a member's message, a system notice, a recall, or a note to one user.</summary>
public static class ChatEventKinds
{
    public const string Message = "message";
    public const string System = "system";
    public const string Recall = "recall";

    /// <summary>Addressed to one user only (command answers, tips); never stored, carries no sequence.</summary>
    public const string Private = "private";

    /// <summary>
    /// To one user: their subscription to <see cref="ChatMessage.GroupId"/> changed (<see cref="ChatMessage.Text"/> is
    /// "subscribed" or "unsubscribed"); when subscribed, pushes continue after <see cref="ChatMessage.Seq"/>.
    /// Never stored.
    /// </summary>
    public const string Subscription = "subscription";
}
