namespace Grains.Interfaces.Chat;

/// <summary>The answer to a command (/INFO, /HELP): shown to the sender only, never stored.</summary>
[GenerateSerializer, Immutable, Alias("Chat.CommandReply")]
public sealed record CommandReply(
    [property: Id(0)] string Command,
    [property: Id(1)] string Text);
