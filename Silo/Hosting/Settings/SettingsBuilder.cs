using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Silo.Hosting.Settings;

/// <summary>Adds wording and rules to a settings class registered with <see cref="SettingsServiceCollectionExtensions.AddSettings{T}"/>.</summary>
public sealed class SettingsBuilder<T>
    where T : class
{
    private readonly IServiceCollection _services;
    private readonly SettingsRegistration<T> _registration;

    internal SettingsBuilder(IServiceCollection services, SettingsRegistration<T> registration)
    {
        _services = services;
        _registration = registration;
    }

    /// <summary>Says in words what <paramref name="property"/> allows, where its attributes would read poorly.</summary>
    public SettingsBuilder<T> Describe(string property, string allowed)
    {
        _registration.Descriptions[property] = allowed;
        return this;
    }

    /// <summary>Adds rules that need code or other settings; registering the same rules twice adds them once.</summary>
    public SettingsBuilder<T> AddRules<TRules>()
        where TRules : class, IValidateOptions<T>
    {
        _services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TRules>());
        return this;
    }
}
