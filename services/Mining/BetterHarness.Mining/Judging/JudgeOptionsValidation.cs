using BetterHarness.Mining.Domain.Judging;
using BetterHarness.Models;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>At start-up: a band that is one, then what every model caller needs (<see cref="ModelCallerValidation"/>).</summary>
public sealed class JudgeOptionsValidation(IOptions<ModelCatalogOptions> models) : IValidateOptions<JudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, JudgeOptions o) =>
        o.BandLow > o.BandHigh
            ? ValidateOptionsResult.Fail($"{JudgeOptions.Section}:BandLow ({o.BandLow}) must not exceed BandHigh ({o.BandHigh})")
            // The largest prompt: the instruction, both turns at their cap and the frame around them.
            : ModelCallerValidation.Validate(JudgeOptions.Section, "correction judge", o,
                DailyTokenBudget.WorstCase(JudgePrompt.Instruction.Length + o.MaxInputChars + 200, o), models.Value);
}
