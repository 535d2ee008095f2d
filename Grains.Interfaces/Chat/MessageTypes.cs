namespace Grains.Interfaces.Chat;

/// <summary>The message types a group can switch on and off.</summary>
public static class MessageTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Audio = "audio";
    public const string Video = "video";
    public const string Contact = "contact";
    public const string Link = "link";

    public static IReadOnlyList<string> All { get; } = [Text, Image, Audio, Video, Contact, Link];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
