using BetterHarness.Models;

namespace BetterHarness.ServiceDefaults.Tests.ModelCallers;

/// <summary>The start-up checks the failure analyst and the correction judge share; each message names the section and the caller.</summary>
public sealed class ModelCallerValidationTests
{
    private sealed record Caller(string? Model, long MaxTokensPerDay = 10_000, int MaxOutputTokens = 50, int PollSeconds = 30, int RetrySeconds = 60)
        : IModelCallerOptions
    {
        public TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);
        public TimeSpan RetryDelay => TimeSpan.FromSeconds(RetrySeconds);
        public bool Enabled => !string.IsNullOrWhiteSpace(Model);
    }

    private static readonly ModelCatalogOptions Models = new()
    {
        Models =
        {
            ["gpt"] = new ModelOptions { Kind = "openai", BaseUrl = "http://127.0.0.1:1/v1", Model = "gpt" },
            ["sim"] = new ModelOptions { Kind = "simulated" },
        },
    };

    private static string? Problem(Caller o, long largestCall = 1_000) =>
        ModelCallerValidation.Validate("S", "test caller", o, largestCall, Models).FailureMessage;

    [Fact]
    public void Accepts_a_configured_openai_model_whose_budget_holds_a_call() => Assert.Null(Problem(new Caller("gpt")));

    [Fact]
    public void Accepts_an_off_caller_whatever_its_budget() => Assert.Null(Problem(new Caller(null, MaxTokensPerDay: 1)));

    [Fact]
    public void Refuses_timings_that_are_not_positive() =>
        Assert.Equal("S:PollInterval and RetryDelay must be positive", Problem(new Caller(null, RetrySeconds: 0)));

    [Fact]
    public void Refuses_a_day_that_cannot_hold_one_call() =>
        Assert.StartsWith("S:MaxTokensPerDay is 999, less than one call can cost (1000 tokens", Problem(new Caller("gpt", MaxTokensPerDay: 999)));

    [Fact]
    public void Refuses_a_model_that_is_not_configured() =>
        Assert.Contains("BetterHarness:Models:nowhere is not configured (set its Kind=openai, BaseUrl and Model, or leave the test caller's Model empty",
            Problem(new Caller("nowhere")));

    [Fact]
    public void Refuses_a_model_that_is_not_openai() =>
        Assert.Contains("is Kind=simulated; the test caller needs a Kind=openai model", Problem(new Caller("sim")));
}
