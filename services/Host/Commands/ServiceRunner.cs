using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Host.Commands;

/// <summary>Builds and runs a host for the given modules; turns start-up failures into a readable message.</summary>
public static class ServiceRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<ServiceModule> modules, Dictionary<string, string?> overrides,
        bool banner, CancellationToken cancellationToken, Func<WebApplication, CancellationToken, Task>? afterStart = null)
    {
        WebApplication app;
        try
        {
            app = ServiceHost.Build([], modules, c => c.AddInMemoryCollection(overrides));
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync("bh: could not start: " + ex.Message);
            return 2;
        }
        if (banner) Banner.Print(app.Services.GetRequiredService<IReadOnlyList<ListenerSpec>>(),
            app.Services.GetRequiredService<IOptions<HostingOptions>>().Value,
            app.Services.GetRequiredService<IOptions<StorageOptions>>().Value, modules);
        if (afterStart is not null) await afterStart(app, cancellationToken);
        await app.WaitForShutdownAsync(CancellationToken.None);
        await app.DisposeAsync();
        return 0;
    }
}
