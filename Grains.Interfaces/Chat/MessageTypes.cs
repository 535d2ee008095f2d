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

    /// <summary>Any other upload (a document, an archive), offered for download.</summary>
    public const string File = "file";

    /// <summary>A red packet the group announces once its funding is confirmed; members cannot post it themselves.</summary>
    public const string RedPacket = "red_packet";

    public static IReadOnlyList<string> All { get; } = [Text, Image, Audio, Video, File, Contact, Link, RedPacket];

    /// <summary>Types only the service posts (from the red-packet route), never a member's draft.</summary>
    public static bool IsReserved(string? type) => type == RedPacket;

    /// <summary>Types whose content is an upload (or, where links are allowed, an outside url).</summary>
    public static bool IsMedia(string? type) => type is Image or Audio or Video or File;

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
