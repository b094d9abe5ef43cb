using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace BetterHarness.Models;

/// <summary>
/// Binds <c>BetterHarness:Models</c> (validated at start-up) and registers one named HttpClient per openai / http-agent
/// model. Every service that calls models does this; in the embedded host several do it in one container, so each
/// step is done once.
/// </summary>
public static class ModelRegistration
{
    public static void AddModelCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ModelCatalogMarker))) return;
        services.AddSingleton<ModelCatalogMarker>();
        services.AddSingleton<OpenAiChatClients>();
        services.AddHttpClient();
        services.AddOptions<ModelCatalogOptions>().BindConfiguration(ModelCatalogOptions.Section)
            .Validate(o => o.Models.All(m => Validator.TryValidateObject(m.Value, new(m.Value), null, true)),
                "every BetterHarness:Models:NAME needs Kind = openai | http-agent | simulated and settings in range")
            .Validate(o => o.Models.All(m => m.Value.Problem(m.Key) is null), "BetterHarness:Models: an openai or http-agent model needs BaseUrl (and openai a Model)")
            .ValidateOnStart();
        var models = configuration.GetSection("BetterHarness:Models").Get<Dictionary<string, ModelOptions>>() ?? [];
        foreach (var (name, model) in models.Where(m => !m.Value.Simulated)) AddModelHttpClient(services, name, model);
    }

    public static string HttpClientName(string model) => "bh-model-" + model.ToLowerInvariant();

    /// <summary>
    /// The named HttpClient of an openai / http-agent model: retries 429, 5xx and timeouts with jittered exponential
    /// backoff, waiting at least what Retry-After says, and a per-attempt timeout.
    /// </summary>
    public static void AddModelHttpClient(IServiceCollection services, string name, ModelOptions model) =>
        services.AddHttpClient(HttpClientName(name), http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("model-retries", pipeline =>
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, model.MaxRetries), BackoffType = DelayBackoffType.Exponential, UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(30), ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(model.AttemptTimeout);
            });

    /// <summary>Marks the container as done, so a second service in the same process adds nothing twice.</summary>
    private sealed class ModelCatalogMarker;
}
