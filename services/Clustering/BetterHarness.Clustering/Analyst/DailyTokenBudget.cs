using BetterHarness.Clustering.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// The analyst's token budget per UTC day, counted from the stored answers (so a restart does not reset it). A call is
/// allowed only when what it may cost at most (its prompt's estimate plus the output cap) still fits: the budget is a
/// ceiling, not a target. Running out is logged once per day.
/// </summary>
public sealed class DailyTokenBudget(AnalysisStore store, IOptions<AnalystOptions> options, TimeProvider time, ILogger<DailyTokenBudget> logger)
{
    private DateOnly _exhaustedOn;

    public long SpentToday(string model) => store.TokensSince(model, DayStartMs());

    public long Left(string model) => Math.Max(0, options.Value.MaxTokensPerDay - SpentToday(model));

    public bool Exhausted => _exhaustedOn == Today();

    /// <summary>True when a call with a prompt of <paramref name="promptChars"/> characters fits in today's budget.</summary>
    public bool Allows(string model, int promptChars)
    {
        var o = options.Value;
        var spent = SpentToday(model);
        if (spent + TokenEstimate(promptChars) + o.MaxOutputTokens <= o.MaxTokensPerDay) return true;
        if (_exhaustedOn != Today())
            logger.LogWarning("Failure analyst: today's token budget is spent ({Spent} of {Budget} tokens with {Model}); no more calls until 00:00 UTC",
                spent, o.MaxTokensPerDay, model);
        _exhaustedOn = Today();
        return false;
    }

    /// <summary>Tokens of a text when the provider reports none: characters / 4, rounded up.</summary>
    public static long TokenEstimate(int chars) => (chars + 3) / 4;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private long DayStartMs() => new DateTimeOffset(Today().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
}
