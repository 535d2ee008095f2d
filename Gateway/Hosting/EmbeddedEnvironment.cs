using Silo.Hosting.Settings;

namespace Gateway.Hosting;

/// <summary>
/// Embedded mode is what runs on a developer's machine (<c>dotnet run --project Gateway</c>): unless an environment is
/// given (ASPNETCORE_ENVIRONMENT, DOTNET_ENVIRONMENT or --environment), it runs as Development. Client mode keeps the
/// framework's default, Production.
/// </summary>
public static class EmbeddedEnvironment
{
    /// <summary>The builder options for <paramref name="args"/>; decided before the builder exists, so read from the same sources.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var given = configuration["environment"] ?? configuration["ASPNETCORE_ENVIRONMENT"] ?? configuration["DOTNET_ENVIRONMENT"];
        var embedded = configuration.ReadSettings<GatewayOptions>(GatewayOptions.Section).Mode == GatewayMode.Embedded;
        return new WebApplicationOptions { Args = args, EnvironmentName = given is null && embedded ? Environments.Development : null };
    }
}
