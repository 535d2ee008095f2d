namespace Grains.Chat.Posting;

public static class ChatCommandParser
{
    /// <summary>"/INFO" or "/HELP" (any case, surrounding spaces ignored); anything else is an ordinary message.</summary>
    public static ChatCommand? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.Equals(trimmed, "/INFO", StringComparison.OrdinalIgnoreCase))
            return ChatCommand.Info;
        if (string.Equals(trimmed, "/HELP", StringComparison.OrdinalIgnoreCase))
            return ChatCommand.Help;
        return null;
    }

    public static string Name(ChatCommand command) => command == ChatCommand.Info ? "/INFO" : "/HELP";
}
