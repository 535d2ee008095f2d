using System.Security.Claims;
using Gateway.Auth;
using Gateway.Chat;
using Gateway.Http;
using Gateway.Http.OpenApi;
using Grains.Interfaces.Chat;
using Grains.Interfaces.Errors;
using Grains.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Silo.Hosting.Settings;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Gateway.Uploads;

/// <summary>Uploads for image, audio, video and file messages: stored as they stream in, read back with ranges and ETags.</summary>
public static class UploadEndpoints
{
    /// <summary>How many of the groups an upload was posted in are asked whether the reader is a member.</summary>
    private const int GroupsChecked = 50;

    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddSettings<UploadOptions>(UploadOptions.Section);
        services.AddSingleton<ImageInspector>();
        services.AddSingleton<UploadReceiver>();
        return services;
    }

    public static RouteGroupBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value;
        var group = endpoints.MapGroup("/api/uploads").WithTags("Uploads").RequireAuthorization()
            .ProducesErrors(Status400BadRequest, Status401Unauthorized, Status503ServiceUnavailable);
        group.MapPost("/", Upload).WithName("Upload")
            .WithBodyLimit(options.LargestCap + UploadReceiver.FramingAllowance)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesErrors(Status413PayloadTooLarge, Status415UnsupportedMediaType, Status422UnprocessableEntity, Status429TooManyRequests)
            .WithExample(new UploadView("3f1c9a0e5b7d4e21a8c6f0b2d9e4a715", MessageTypes.Image, "image/png", 48_213,
                "9f2b5c0e4d7a1b3c6e8f0a2d4c6b8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b", 1280, 720, null, "a0c4e6f81b3d5e7f9a1c3e5f7b9d1e3a", "sunset.png",
                DateTimeOffset.Parse("2026-12-04T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))
            .WithSummary("Uploads a file")
            .WithDescription("multipart/form-data with the file in a part named \"file\". The type is sniffed from the bytes (image: PNG, JPEG, GIF, WebP; audio: MP3, Ogg, WAV, FLAC, M4A; video: MP4, QuickTime, WebM; anything else is a file). Caps per kind (defaults: image 10 MiB, audio 20 MiB, video 100 MiB, file 50 MiB: 413 upload_too_large) and an hourly quota per account (429 upload_quota). Images are decoded once: 422 image_invalid when damaged, image_too_large past the pixel caps; they get a 320 px JPEG thumbnail. A part type that contradicts the bytes is 415 upload_content_type; a ZIP that would unpack to far more than it weighs is 422 archive_bomb; a body cut short is 400 upload_incomplete. Nothing is stored unless all of it is. Post it with {\"type\": kind, \"upload_id\": …}.");
        group.MapGet("/{upload}", Download).WithName("GetUpload")
            .ProducesErrors(Status404NotFound, Status416RangeNotSatisfiable)
            .Produces(Status200OK, contentType: "application/octet-stream").Produces(Status206PartialContent).Produces(Status304NotModified)
            .WithSummary("Downloads an upload")
            .WithDescription("The bytes, to the uploader and to members of a group it was posted in (404 upload_not_found for anyone else). Range requests (206), ETag (the SHA-256) with If-None-Match (304), and long private caching: an upload never changes. Images, audio and video are inline; files are attachments.");
        return group;
    }

    private static async Task<Created<UploadView>> Upload(HttpRequest request, ClaimsPrincipal user, UploadReceiver receiver, CancellationToken aborted)
    {
        var upload = await receiver.ReceiveAsync(request, user.UserIdOf(), aborted);
        return TypedResults.Created($"/api/uploads/{upload.Id}", UploadView.Of(upload));
    }

    private static async Task<IResult> Download(string upload, ClaimsPrincipal user, IUploadStore store, IGrainFactory grains, HttpResponse response, CancellationToken aborted)
    {
        var record = await store.GetAsync(upload, aborted);
        if (record is null || !await MayReadAsync(record, user.UserIdOf(), store, grains, aborted))
            throw DomainException.NotFound(ErrorCodes.UploadNotFound, $"There is no upload {upload} you can read.");

        var headers = response.Headers;
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var inline = record.Kind != MessageTypes.File;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(record.FileName ?? record.Id);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(new UploadContentStream(store, record), record.ContentType, lastModified: record.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{record.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>The uploader may read it (and its thumbnail); so may members of a group it was posted in.</summary>
    private static async Task<bool> MayReadAsync(UploadRecord upload, string userId, IUploadStore store, IGrainFactory grains, CancellationToken aborted)
    {
        if (upload.OwnerId == userId)
            return true;
        var groups = await store.GetPostGroupsAsync(upload.ParentId ?? upload.Id, GroupsChecked, aborted);
        var members = await Task.WhenAll(groups.Select(g => GroupEndpoints.Group(grains, g).HasMemberAsync(userId)));
        return members.Any(m => m);
    }
}
