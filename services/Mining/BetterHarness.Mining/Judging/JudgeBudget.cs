using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>
/// The judge's token budget per UTC day, counted from the stored spend (a restart does not reset it), the way the failure
/// analyst's is: a call is allowed only when its worst case (prompt estimate plus the output cap) still fits.
/// </summary>
public sealed class JudgeBudget(JudgeStore store, IOptions<JudgeOptions> options, TimeProvider time, ILogger<JudgeBudget> logger)
{
    private DateOnly _exhaustedOn;

    public long SpentToday(string model) => store.SpentSince(model, DayStartMs());

    public bool Allows(string model, int promptChars)
    {
        var o = options.Value;
        var spent = SpentToday(model);
        if (spent + TokenEstimate(promptChars) + o.MaxOutputTokens <= o.MaxTokensPerDay) return true;
        if (_exhaustedOn != Today())
            logger.LogWarning("Correction judge: today's token budget is spent ({Spent} of {Budget} tokens with {Model}); no more calls until 00:00 UTC",
                spent, o.MaxTokensPerDay, model);
        _exhaustedOn = Today();
        return false;
    }

    /// <summary>Tokens of a text when the provider reports none: characters / 4, rounded up.</summary>
    public static long TokenEstimate(int chars) => (chars + 3) / 4;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private long DayStartMs() => new DateTimeOffset(Today().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
}
