using Microsoft.Extensions.Logging;

namespace BetterHarness.Models;

/// <summary>Tokens the caller spent with a model since a moment (Unix ms), read from the caller's own store.</summary>
public delegate long SpentSince(string model, long sinceUnixMs);

/// <summary>
/// A model caller's token budget per UTC day, counted from what its store says it spent (so a restart does not reset it).
/// A call is allowed only when what it may cost at most (its prompt's estimate plus the output cap) still fits: the
/// budget is a ceiling, not a target. Running out is logged once per day.
/// </summary>
public sealed class DailyTokenBudget(string caller, SpentSince spentSince, Func<IModelCallerOptions> options, TimeProvider time, ILogger<DailyTokenBudget> logger)
{
    private DateOnly _exhaustedOn;

    /// <summary>Who spends it, as the log and the start-up checks name it ("failure analyst").</summary>
    public string Caller => caller;

    public long SpentToday(string model) => spentSince(model, DayStartMs());

    public long Left(string model) => Math.Max(0, options().MaxTokensPerDay - SpentToday(model));

    public bool Exhausted => _exhaustedOn == Today();

    /// <summary>True when a call with a prompt of <paramref name="promptChars"/> characters fits in today's budget.</summary>
    public bool Allows(string model, int promptChars)
    {
        var o = options();
        var spent = SpentToday(model);
        if (spent + WorstCase(promptChars, o) <= o.MaxTokensPerDay) return true;
        if (_exhaustedOn != Today())
            logger.LogWarning("The {Caller}'s token budget for today is spent ({Spent} of {Budget} tokens with {Model}); no more calls until 00:00 UTC",
                caller, spent, o.MaxTokensPerDay, model);
        _exhaustedOn = Today();
        return false;
    }

    /// <summary>Tokens of a text when the provider reports none: characters / 4, rounded up.</summary>
    public static long TokenEstimate(int chars) => (chars + 3) / 4;

    /// <summary>What a call with a prompt of this many characters may cost at most: the prompt's estimate plus the output cap.</summary>
    public static long WorstCase(int promptChars, IModelCallerOptions o) => TokenEstimate(promptChars) + o.MaxOutputTokens;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private long DayStartMs() => new DateTimeOffset(Today().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
}
