using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Models;

public static class ModelCallerRegistration
{
    /// <summary>
    /// Registers the caller's <see cref="DailyTokenBudget"/> keyed by its options type (one process may host several
    /// callers): resolve it with <c>[FromKeyedServices(typeof(TOptions))]</c>.
    /// </summary>
    public static IServiceCollection AddDailyTokenBudget<TOptions>(this IServiceCollection services, string caller,
        Func<IServiceProvider, SpentSince> spentSince) where TOptions : class, IModelCallerOptions =>
        services.AddKeyedSingleton(typeof(TOptions), (sp, _) => new DailyTokenBudget(caller, spentSince(sp),
            () => sp.GetRequiredService<IOptions<TOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DailyTokenBudget>>()));
}
