using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Web.Backends;

/// <summary>Every backend service must be reachable: hosted here, or given an absolute http(s) base URL.</summary>
public sealed class WebOptionsValidation(HostedModules hosted) : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var errors = new List<string>();
        foreach (var (service, url) in options.Services)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"{WebOptions.Section}:Services:{service} '{url}' must be an absolute http(s) URL, e.g. http://127.0.0.1:8081");
        }
        foreach (var service in BackendService.All.Where(s => !hosted.Contains(s.Name) && !options.Services.ContainsKey(s.Name)))
            errors.Add($"{WebOptions.Section}:Services:{service.Name} is required: {service.Name} does not run in this process; " +
                       $"set it to its base URL (e.g. BetterHarness__Web__Services__{service.Name}=http://127.0.0.1:8081)");
        if (options.BackendTimeout <= TimeSpan.Zero) errors.Add($"{WebOptions.Section}:BackendTimeout must be positive");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
