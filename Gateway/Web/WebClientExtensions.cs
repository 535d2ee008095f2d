namespace Gateway.Web;

/// <summary>
/// The web client: static files from <c>wwwroot</c> (<c>/</c> is <c>index.html</c>), revalidated on every load (ETag),
/// under a content security policy that allows nothing but this origin: no inline script, no CDN. Pictures, sound and
/// video may also come from <c>blob:</c> URLs: uploads need the bearer token, so the page fetches them and shows the blob.
/// </summary>
public static class WebClientExtensions
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Unversioned file names: the browser keeps a copy but asks (If-None-Match) before using it.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
