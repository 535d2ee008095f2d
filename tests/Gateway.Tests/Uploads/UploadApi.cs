using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Chat;
using TestSupport;
using TestSupport.Media;

namespace Gateway.Tests.Uploads;

/// <summary>Upload calls for tests: send a file, read what came back.</summary>
public static class UploadApi
{
    public static Task<HttpResponseMessage> UploadAsync(this ChatApi user, byte[] bytes, string fileName, string? contentType = null) =>
        user.Http.PostAsync("/api/uploads", TestMedia.Form(bytes, fileName, contentType));

    public static async Task<JsonElement> UploadOkAsync(this ChatApi user, byte[] bytes, string fileName, string? contentType = null)
    {
        var response = await user.UploadAsync(bytes, fileName, contentType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        Assert.StartsWith("/api/uploads/", response.Headers.Location!.OriginalString);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostUploadAsync(this ChatApi user, string groupId, string type, string uploadId, string? clientId = null) =>
        user.PostAsync(groupId, new { client_id = clientId ?? Guid.NewGuid().ToString("N"), type, upload_id = uploadId });

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    public static string Id(this JsonElement upload) => upload.GetProperty("upload_id").GetString()!;
}
