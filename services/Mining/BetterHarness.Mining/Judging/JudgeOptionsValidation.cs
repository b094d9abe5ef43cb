using BetterHarness.Mining.Domain.Judging;
using BetterHarness.Models;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>At start-up: a band that is one, positive timings, a day's budget that holds one call, and a Kind=openai model.</summary>
public sealed class JudgeOptionsValidation(IOptions<ModelCatalogOptions> models) : IValidateOptions<JudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, JudgeOptions o)
    {
        if (o.PollInterval <= TimeSpan.Zero || o.RetryDelay <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"{JudgeOptions.Section}:PollInterval and RetryDelay must be positive");
        if (o.BandLow > o.BandHigh)
            return ValidateOptionsResult.Fail($"{JudgeOptions.Section}:BandLow ({o.BandLow}) must not exceed BandHigh ({o.BandHigh})");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var largestCall = JudgeBudget.TokenEstimate(JudgePrompt.Instruction.Length + o.MaxInputChars + 200) + o.MaxOutputTokens;
        if (o.MaxTokensPerDay < largestCall)
            return ValidateOptionsResult.Fail($"{JudgeOptions.Section}:MaxTokensPerDay is {o.MaxTokensPerDay}, less than one call can cost ({largestCall} tokens): raise it or lower MaxInputChars / MaxOutputTokens");
        if (!models.Value.Models.TryGetValue(o.Model!, out var model))
            return ValidateOptionsResult.Fail($"{JudgeOptions.Section}:Model is '{o.Model}', but BetterHarness:Models:{o.Model} is not configured " +
                "(set its Kind=openai, BaseUrl and Model, or leave the judge's Model empty to keep it off)");
        return model.Kind == "openai" ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{JudgeOptions.Section}:Model '{o.Model}' is Kind={model.Kind}; the correction judge needs a Kind=openai model");
    }
}
