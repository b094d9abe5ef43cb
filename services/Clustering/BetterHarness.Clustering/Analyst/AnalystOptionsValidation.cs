using BetterHarness.Clustering.Domain.Analysis;
using BetterHarness.Models;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// At start-up: the analyst's model must be a configured Kind=openai model, its timings positive, and a day's budget must
/// hold at least one call at its largest (<see cref="ModelCallerValidation"/>).
/// </summary>
public sealed class AnalystOptionsValidation(IOptions<ModelCatalogOptions> models) : IValidateOptions<AnalystOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalystOptions o) =>
        ModelCallerValidation.Validate(AnalystOptions.Section, "failure analyst", o,
            DailyTokenBudget.WorstCase(AnalystPrompt.Instruction.Length + o.MaxInputChars, o), models.Value);
}
