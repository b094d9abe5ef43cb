using Microsoft.Extensions.Options;

namespace BetterHarness.Models;

/// <summary>
/// The start-up checks every model caller shares: positive timings, and when it is on, a day's budget that holds its
/// largest call (else it would never call and only log once a day) and a configured Kind=openai model.
/// </summary>
public static class ModelCallerValidation
{
    /// <param name="section">The caller's configuration section, named in each message.</param>
    /// <param name="caller">The caller as a user knows it ("failure analyst").</param>
    /// <param name="largestCall">Tokens its largest call may cost (longest prompt's estimate plus the output cap).</param>
    public static ValidateOptionsResult Validate(string section, string caller, IModelCallerOptions o, long largestCall, ModelCatalogOptions models)
    {
        if (o.PollInterval <= TimeSpan.Zero || o.RetryDelay <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"{section}:PollInterval and RetryDelay must be positive");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        if (o.MaxTokensPerDay < largestCall)
            return ValidateOptionsResult.Fail($"{section}:MaxTokensPerDay is {o.MaxTokensPerDay}, less than one call can cost ({largestCall} tokens " +
                $"with MaxOutputTokens {o.MaxOutputTokens}): raise it or lower MaxInputChars / MaxOutputTokens");
        if (!models.Models.TryGetValue(o.Model!, out var model))
            return ValidateOptionsResult.Fail($"{section}:Model is '{o.Model}', but BetterHarness:Models:{o.Model} is not configured " +
                $"(set its Kind=openai, BaseUrl and Model, or leave the {caller}'s Model empty to keep it off)");
        return model.Kind == "openai"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{section}:Model '{o.Model}' is Kind={model.Kind}; the {caller} needs a Kind=openai " +
                "model (an OpenAI-compatible Chat Completions endpoint)");
    }
}
