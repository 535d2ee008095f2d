namespace Silo.Hosting;

public static class DefaultUrlExtensions
{
    /// <summary>
    /// Listens on <paramref name="defaultUrl"/> unless <c>ASPNETCORE_URLS</c>, <c>Urls</c> or <c>--urls</c> says
    /// otherwise (a default in appsettings.json would silently win over ASPNETCORE_URLS).
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string defaultUrl)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(defaultUrl);
        return builder;
    }
}
