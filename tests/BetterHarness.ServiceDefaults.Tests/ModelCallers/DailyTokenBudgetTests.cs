using BetterHarness.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BetterHarness.ServiceDefaults.Tests.ModelCallers;

/// <summary>The daily budget the failure analyst and the correction judge share: counted from the caller's store, per UTC day.</summary>
public sealed class DailyTokenBudgetTests
{
    private sealed class Limits : IModelCallerOptions
    {
        public string? Model { get; init; } = "m";
        public long MaxTokensPerDay { get; init; } = 1_000;
        public int MaxOutputTokens { get; init; } = 100;
        public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);
        public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(2);
        public bool Enabled => Model is not null;
    }

    /// <summary>Spend rows as a store keeps them: (model, when in Unix ms, tokens).</summary>
    private readonly List<(string Model, long AtMs, long Tokens)> _spend = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

    private DailyTokenBudget Budget(ILogger<DailyTokenBudget>? logger = null, Limits? limits = null) =>
        new("test caller", (model, since) => _spend.Where(s => s.Model == model && s.AtMs >= since).Sum(s => s.Tokens),
            () => limits ?? new Limits(), _time, logger ?? NullLogger<DailyTokenBudget>.Instance);

    private void Spend(long tokens, string model = "m") => _spend.Add((model, _time.GetUtcNow().ToUnixTimeMilliseconds(), tokens));

    [Fact]
    public void Allows_a_call_only_while_its_worst_case_fits()
    {
        var budget = Budget();
        Spend(500);

        // 400 characters ≈ 100 tokens of prompt + 100 of output cap: 700 ≤ 1,000.
        Assert.True(budget.Allows("m", 400));
        Spend(300);
        // 800 + 100 + 100 = 1,000: still fits; 801 does not.
        Assert.True(budget.Allows("m", 400));
        Spend(1);
        Assert.False(budget.Allows("m", 400));
        Assert.True(budget.Exhausted);
        Assert.Equal(199, budget.Left("m"));
    }

    [Fact]
    public void Counts_each_model_apart()
    {
        var budget = Budget();
        Spend(1_000, "other");

        Assert.True(budget.Allows("m", 400));
        Assert.Equal(0, budget.Left("other"));
    }

    [Fact]
    public void A_new_utc_day_starts_from_nothing()
    {
        var budget = Budget();
        Spend(1_000);
        Assert.False(budget.Allows("m", 4));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, budget.SpentToday("m"));
        Assert.True(budget.Allows("m", 4));
        Assert.False(budget.Exhausted);
    }

    [Fact]
    public void A_restart_does_not_reset_the_day()
    {
        Spend(950);

        Assert.False(Budget().Allows("m", 400));
        Assert.Equal(950, Budget().SpentToday("m"));
    }

    [Fact]
    public void Running_out_is_logged_once_a_day()
    {
        var logger = new CountingLogger();
        var budget = Budget(logger);
        Spend(1_000);

        budget.Allows("m", 4);
        budget.Allows("m", 4);
        budget.Allows("m", 4);

        Assert.Equal(1, logger.Warnings);
        Assert.Contains("test caller", logger.Last);
    }

    [Fact]
    public void Estimates_tokens_as_characters_over_four_rounded_up()
    {
        Assert.Equal(0, DailyTokenBudget.TokenEstimate(0));
        Assert.Equal(1, DailyTokenBudget.TokenEstimate(1));
        Assert.Equal(1, DailyTokenBudget.TokenEstimate(4));
        Assert.Equal(2, DailyTokenBudget.TokenEstimate(5));
        Assert.Equal(102, DailyTokenBudget.WorstCase(5, new Limits()));
    }

    private sealed class CountingLogger : ILogger<DailyTokenBudget>
    {
        public int Warnings { get; private set; }
        public string Last { get; private set; } = "";

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel != LogLevel.Warning) return;
            Warnings++;
            Last = formatter(state, exception);
        }
    }
}
