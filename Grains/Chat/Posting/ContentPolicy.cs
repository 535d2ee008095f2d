using System.Text;
using Grains.Chat.Links;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;

namespace Grains.Chat.Posting;

/// <summary>
/// The group's content rules applied to a draft: well-formed (400), type switched on (422), size (413);
/// and whether only a moderator may post it now (mute-all, link filter), which the shard decides with the role.
/// </summary>
public static class ContentPolicy
{
    public const int MaxClientIdLength = 64;
    public const int MaxUrlLength = 2048;
    public const int MaxContactLength = 256;

    public static ModeratorReason Evaluate(GroupSettings settings, MessageDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.ClientId) || draft.ClientId.Length > MaxClientIdLength)
            throw DomainException.Invalid(ErrorCodes.ClientIdInvalid, $"client_id is required and at most {MaxClientIdLength} characters.");
        if (!MessageTypes.IsKnown(draft.Type))
            throw DomainException.Invalid(ErrorCodes.TypeUnknown, $"type must be one of: {string.Join(", ", MessageTypes.All)}.");
        if (MessageTypes.IsReserved(draft.Type))
            throw DomainException.Unprocessable(ErrorCodes.TypeReserved, $"{draft.Type} messages are posted by the service (POST /api/groups/{{id}}/red-packets), not directly.");

        var type = draft.Type!;
        RequireContent(type, draft);

        if (!settings.AllowedTypes.Contains(type, StringComparer.Ordinal))
            throw DomainException.Unprocessable(ErrorCodes.TypeNotAllowed, $"This group does not allow {type} messages.");
        var outsideUrl = MessageTypes.IsMedia(type) && draft.UploadId is null;
        if (outsideUrl && !settings.AllowedTypes.Contains(MessageTypes.Link, StringComparer.Ordinal))
            throw DomainException.Unprocessable(ErrorCodes.UploadRequired, $"This group takes {type} messages as uploads only (POST /api/uploads, then upload_id); it does not allow links.");

        var size = Utf8Length(draft.Text) + Utf8Length(draft.Url) + Utf8Length(draft.Contact);
        if (size > settings.MaxMessageBytes)
            throw DomainException.TooLarge(ErrorCodes.MessageTooLarge, $"The message is {size} bytes; this group allows at most {settings.MaxMessageBytes}.");

        if (settings.MuteAll)
            return ModeratorReason.MuteAll;
        if (settings.LinkFilter && (type == MessageTypes.Link || outsideUrl || LinkDetector.ContainsLink(draft.Text) || LinkDetector.ContainsLink(draft.Contact)))
            return ModeratorReason.Link;
        // An outside image cannot be checked for QR codes: with the filter on, only moderators may post one.
        if (settings.DetectQr && outsideUrl && type == MessageTypes.Image)
            return ModeratorReason.QrCode;
        return ModeratorReason.None;
    }

    private static void RequireContent(string type, MessageDraft draft)
    {
        switch (type)
        {
            case MessageTypes.Text when string.IsNullOrWhiteSpace(draft.Text):
                throw DomainException.Invalid(ErrorCodes.TextRequired, "A text message needs text.");
            case MessageTypes.Contact when string.IsNullOrWhiteSpace(draft.Contact):
                throw DomainException.Invalid(ErrorCodes.ContactRequired, "A contact message needs contact.");
            case MessageTypes.Contact when draft.Contact!.Length > MaxContactLength:
                throw DomainException.Invalid(ErrorCodes.ContactTooLong, $"contact is at most {MaxContactLength} characters.");
            case MessageTypes.Image or MessageTypes.Audio or MessageTypes.Video or MessageTypes.File when draft.UploadId is not null:
                if (!IsUploadId(draft.UploadId))
                    throw DomainException.Invalid(ErrorCodes.UploadNotFound, "upload_id is the 32 hex digits POST /api/uploads answered with.");
                if (draft.Url is not null)
                    throw DomainException.Invalid(ErrorCodes.UrlInvalid, $"A {type} message has an upload_id or a url, not both.");
                break;
            case MessageTypes.Image or MessageTypes.Audio or MessageTypes.Video or MessageTypes.File or MessageTypes.Link:
                if (draft.Url is not { Length: > 0 and <= MaxUrlLength } url
                    || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                    || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
                {
                    throw DomainException.Invalid(ErrorCodes.UrlInvalid, MessageTypes.IsMedia(type)
                        ? $"A {type} message needs an upload_id (POST /api/uploads) or an absolute http(s) url of at most {MaxUrlLength} characters."
                        : $"A {type} message needs an absolute http(s) url of at most {MaxUrlLength} characters.");
                }

                break;
        }
    }

    private static bool IsUploadId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static int Utf8Length(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);
}
