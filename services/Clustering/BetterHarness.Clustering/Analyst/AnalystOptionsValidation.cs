using BetterHarness.Models;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>At start-up: the analyst's model must be a configured Kind=openai model, its timings positive.</summary>
public sealed class AnalystOptionsValidation(IOptions<ModelCatalogOptions> models) : IValidateOptions<AnalystOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalystOptions o)
    {
        if (o.PollInterval <= TimeSpan.Zero || o.RetryDelay <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"{AnalystOptions.Section}:PollInterval and RetryDelay must be positive");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        if (!models.Value.Models.TryGetValue(o.Model!, out var model))
            return ValidateOptionsResult.Fail($"{AnalystOptions.Section}:Model is '{o.Model}', but BetterHarness:Models:{o.Model} is not configured " +
                "(set its Kind=openai, BaseUrl and Model, or leave the analyst's Model empty to keep it off)");
        return model.Kind == "openai"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AnalystOptions.Section}:Model '{o.Model}' is Kind={model.Kind}; the failure analyst needs a Kind=openai " +
                "model (an OpenAI-compatible Chat Completions endpoint)");
    }
}
