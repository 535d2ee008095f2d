namespace Grains.Chat.Posting;

/// <summary>The commands a member can send as a text message; answered privately, never stored.</summary>
public enum ChatCommand
{
    Info,
    Help,
}
