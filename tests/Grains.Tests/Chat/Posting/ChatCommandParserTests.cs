using Grains.Chat.Posting;

namespace Grains.Tests.Chat.Posting;

public sealed class ChatCommandParserTests
{
    [Theory]
    [InlineData("/INFO", ChatCommand.Info)]
    [InlineData("  /info ", ChatCommand.Info)]
    [InlineData("/HELP", ChatCommand.Help)]
    public void Commands_are_recognised(string text, ChatCommand expected) => Assert.Equal(expected, ChatCommandParser.Parse(text));

    [Theory]
    [InlineData("/INFO please")]
    [InlineData("info")]
    [InlineData("/unknown")]
    public void Other_text_is_not_a_command(string text) => Assert.Null(ChatCommandParser.Parse(text));
}
