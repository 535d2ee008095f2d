using Microsoft.Extensions.Options;

namespace Silo.Hosting.Settings;

/// <summary>
/// The one way settings are read: <see cref="AddSettings{T}"/> binds a class from its section, checks it (binding,
/// data annotations, <see cref="SettingsRules{T}"/>) and lists it for <see cref="SettingsReport"/>, which reports
/// every problem of every section at once before the host starts.
/// </summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> (environment: <c>Section__Name</c>), available
    /// as <c>IOptions&lt;T&gt;</c> and as <typeparamref name="T"/> itself. Registering a class again returns its
    /// first registration, so features that share a section can each ask for it.
    /// </summary>
    public static SettingsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class, new()
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(SettingsRegistration<T>))?.ImplementationInstance is SettingsRegistration<T> existing)
            return new SettingsBuilder<T>(services, existing);

        var registration = new SettingsRegistration<T>(section);
        services.AddSingleton(registration);
        services.AddOptions<T>().Configure<IConfiguration>((options, configuration) =>
            registration.BindingProblems = SettingsBinder.Bind(options, configuration, section));
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(registration));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        services.AddSingleton(new SettingsSection(section, SettingsSection.ProblemsOf<T>));
        return new SettingsBuilder<T>(services, registration);
    }

    /// <summary>
    /// The values of <typeparamref name="T"/> for decisions taken while the host is being built (which Orleans
    /// providers to add). A value that cannot be bound keeps its default here: the host is refused before it starts
    /// by <see cref="SettingsReport"/>, which names it.
    /// </summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section)
        where T : new()
    {
        var settings = new T();
        SettingsBinder.Bind(settings, configuration, section);
        return settings;
    }
}
