using BetterHarness.Clustering.Domain.Analysis;
using BetterHarness.Models;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// At start-up: the analyst's model must be a configured Kind=openai model, its timings positive, and a day's budget must
/// hold at least one call at its largest (else the analyst would never call and only log once a day).
/// </summary>
public sealed class AnalystOptionsValidation(IOptions<ModelCatalogOptions> models) : IValidateOptions<AnalystOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalystOptions o)
    {
        if (o.PollInterval <= TimeSpan.Zero || o.RetryDelay <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"{AnalystOptions.Section}:PollInterval and RetryDelay must be positive");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var largestCall = DailyTokenBudget.TokenEstimate(AnalystPrompt.Instruction.Length + o.MaxInputChars) + o.MaxOutputTokens;
        if (o.MaxTokensPerDay < largestCall)
            return ValidateOptionsResult.Fail($"{AnalystOptions.Section}:MaxTokensPerDay is {o.MaxTokensPerDay}, less than one call can cost " +
                $"({largestCall} tokens with MaxInputChars {o.MaxInputChars} and MaxOutputTokens {o.MaxOutputTokens}): raise it or lower those");
        if (!models.Value.Models.TryGetValue(o.Model!, out var model))
            return ValidateOptionsResult.Fail($"{AnalystOptions.Section}:Model is '{o.Model}', but BetterHarness:Models:{o.Model} is not configured " +
                "(set its Kind=openai, BaseUrl and Model, or leave the analyst's Model empty to keep it off)");
        return model.Kind == "openai"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AnalystOptions.Section}:Model '{o.Model}' is Kind={model.Kind}; the failure analyst needs a Kind=openai " +
                "model (an OpenAI-compatible Chat Completions endpoint)");
    }
}
