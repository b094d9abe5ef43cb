using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>Registers the storage settings (validated at start-up) and <see cref="Databases"/>; each module that keeps a store calls it.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddBetterHarnessStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>());
        services.TryAddSingleton<Databases>();
        return services;
    }
}
